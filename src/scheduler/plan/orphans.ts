import type { Project } from '../../compose-spec/index.js';
import type { ObservedContainer, ObservedState } from '../observe/observed-state.js';

/** Service containers of the project whose service the compose files no longer define. One-off containers are never orphans. */
export function orphansOf(observed: ObservedState, project: Project, disabledServices: readonly string[]): ObservedContainer[] {
  return observed.containers.filter(
    (container) => !container.oneOff && project.services[container.service] === undefined && !disabledServices.includes(container.service),
  );
}
