import type { Project } from '../../compose-spec/index.js';
import { containerName } from '../contract/names.js';
import type { ObservedState } from '../observe/observed-state.js';

/**
 * The container that `network_mode: service:X`, `ipc: service:X` and `volumes_from: [X]` mean:
 * X's first replica, by its existing name or the one it will get.
 */
export function containerOfServiceIn(project: Project, observed: ObservedState): (service: string) => string | undefined {
  return (service) => {
    const config = project.services[service];
    if (!config) return undefined;
    const existing = observed.containers.find((container) => container.service === service && !container.oneOff && container.number === 1);
    return existing?.name ?? config.container_name ?? containerName(project.name, service, 1);
  };
}
