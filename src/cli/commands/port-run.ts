import { BerthError } from '../../errors/index.js';
import { observeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { connectEngine } from '../project-session.js';
import { projectOrName } from './project-or-name.js';
import type { PortCommandOptions } from './port.js';

/**
 * `berth port web 80`: where the private port of the service's running container (replica
 * `--index`) is published, `0.0.0.0:8080`, as Docker Compose prints it.
 */
export async function runPort(service: string, privatePort: number, options: PortCommandOptions, global: GlobalOptions): Promise<void> {
  const protocol = options.protocol.toLowerCase();
  const scope = await projectOrName(global, [service]);
  const client = await connectEngine(global);
  try {
    const container = (await observeContainers(client, scope.name, service)).find(
      (candidate) => !candidate.oneOff && candidate.number === options.index && (candidate.state === 'running' || candidate.state === 'paused' || candidate.state === 'restarting'),
    );
    if (!container) {
      throw new BerthError({ code: 'NO_SUCH_CONTAINER', kind: 'not-found', message: `no container found for ${service}-${options.index}`, hint: `is the service running? see berth ps ${service}` });
    }
    const ports = container.summary.Ports ?? [];
    const binding = ports.find((port) => port.PrivatePort === privatePort && port.Type === protocol && port.PublicPort !== undefined);
    if (!binding) {
      const published = ports.map((port) => `${port.PublicPort ?? 0}/${port.Type}`).join(', ');
      throw new BerthError({
        code: 'PORT_NOT_PUBLISHED',
        kind: 'not-found',
        message: `no port ${privatePort}/${protocol} for container ${container.name}: ${published}`,
        hint: `publish it with ports: in the compose file, e.g. "8080:${privatePort}"`,
      });
    }
    process.stdout.write(`${binding.IP ?? ''}:${binding.PublicPort}\n`);
  } finally {
    client.close();
  }
}
