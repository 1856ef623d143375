import { InvalidArgumentError, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface PortCommandOptions {
  protocol: string;
  index: number;
}

export function registerPort(program: Command): void {
  program
    .command('port')
    .description('Print the public port for a port binding')
    .argument('<service>', 'the service')
    .argument('<private_port>', 'the port inside the container', privatePort)
    .option('--protocol <protocol>', 'tcp or udp', 'tcp')
    .option('--index <index>', 'index of the container if service has multiple replicas', positiveInteger, 1)
    .action(async (service: string, port: number, options: PortCommandOptions, command: Command) => {
      const { runPort } = await import('./port-run.js');
      await runPort(service, port, options, readGlobalOptions(command));
    });
}

function privatePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new InvalidArgumentError(`"${value}" is not a port number (1-65535)`);
  return port;
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a container index (1, 2, ...)`);
  return Number(value);
}
