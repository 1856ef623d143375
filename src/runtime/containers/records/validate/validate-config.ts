import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ContainerConfig, HostConfig } from '../../../../api/types/containers.js';
import { mountSpecs } from './mount-specs.js';
import { validateHost, type HostFacts } from './validate-host.js';
import { validateProcess } from './validate-process.js';

/** What validation needs to know of the engine's host; the defaults ask the machine. */
export interface ValidationHost extends HostFacts {
  /** Whether a bind source exists (a Mounts bind must have one). */
  pathExists(path: string): boolean;
}

export const machineHost: ValidationHost = { cpus: availableParallelism(), pathExists: existsSync };

/**
 * Checks a container's configuration before anything is made for it (no volume, no directory,
 * no record), and throws the first problem as a `usage` BerthError naming the field, the value
 * and the fix. Docker's own texts are kept in the messages where Docker has them.
 */
export function validateContainerConfig(config: ContainerConfig, host: HostConfig = {}, machine: ValidationHost = machineHost): void {
  validateProcess(config);
  validateHost(host, machine);
  mountSpecs(host, machine.pathExists);
}
