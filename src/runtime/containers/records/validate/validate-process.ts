import type { ContainerConfig, HealthConfig } from '../../../../api/types/containers.js';
import { invalidConfig } from './config-error.js';
import { signalNumber } from './signals.js';

const millisecond = 1_000_000;

/** Config's own fields: the working directory, the stop signal, the health check. */
export function validateProcess(config: ContainerConfig): void {
  if (config.WorkingDir && !config.WorkingDir.startsWith('/')) {
    throw invalidConfig(
      'Config.WorkingDir',
      config.WorkingDir,
      `the working directory '${config.WorkingDir}' is invalid, it needs to be an absolute path`,
      `write it from the container's root, e.g. /${config.WorkingDir.replace(/^\.\//, '')}`,
    );
  }
  if (config.StopSignal && signalNumber(config.StopSignal) === undefined) {
    throw invalidConfig('Config.StopSignal', config.StopSignal, `Invalid signal: ${config.StopSignal}`, 'give a signal name such as SIGTERM, SIGINT or SIGQUIT, or its number (1 to 64)');
  }
  if (config.StopTimeout !== undefined && config.StopTimeout !== null && !Number.isInteger(config.StopTimeout)) {
    throw invalidConfig('Config.StopTimeout', config.StopTimeout, 'the stop timeout is a whole number of seconds', 'give seconds, e.g. 10; -1 waits for ever');
  }
  if (config.Healthcheck) validateHealthcheck(config.Healthcheck);
}

function validateHealthcheck(health: HealthConfig): void {
  const test = health.Test ?? [];
  const [kind, ...rest] = test;
  // An empty test keeps the image's; NONE turns the image's off.
  if (kind !== undefined && kind !== 'NONE') {
    if (kind !== 'CMD' && kind !== 'CMD-SHELL') {
      throw invalidConfig('Config.Healthcheck.Test', test, `unknown health check type "${kind}"`, 'start the test with CMD (then the command and its arguments), CMD-SHELL (then one shell command) or NONE');
    }
    if (rest.length === 0) throw invalidConfig('Config.Healthcheck.Test', test, `${kind} needs a command after it`, `e.g. ["${kind}", ${kind === 'CMD' ? '"pg_isready"' : '"curl -f http://localhost/ || exit 1"'}]`);
  }
  for (const field of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
    const value = health[field];
    if (value !== undefined && value !== 0 && value < millisecond) {
      throw invalidConfig(`Config.Healthcheck.${field}`, value, `${field} in Healthcheck cannot be less than 1ms`, 'durations are in nanoseconds: 1 s is 1000000000; 0 takes the default');
    }
  }
  if (health.Retries !== undefined && health.Retries < 0) {
    throw invalidConfig('Config.Healthcheck.Retries', health.Retries, 'Retries in Healthcheck cannot be negative', 'give 0 for the default (3), or the number of failures in a row that make the container unhealthy');
  }
}
