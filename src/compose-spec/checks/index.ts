import { checkContainerNames } from './check-container-names.js';
import { checkDependencyCycles } from './check-cycles.js';
import { checkPublishedPorts } from './check-published-ports.js';
import { checkReferences, type ReferenceCheckInput } from './check-references.js';

export type { ReferenceCheckInput } from './check-references.js';

export { dependencyEdges } from './service-dependencies.js';
export type { ServiceDependencyEdge } from './service-dependencies.js';

/** The checks Compose makes once the model is whole, plus berth's published-port collision check. */
export function checkConsistency(project: ReferenceCheckInput, options: { disabledServices: ReadonlyMap<string, string[]> }): void {
  checkReferences(project, options.disabledServices);
  checkDependencyCycles(project.services);
  checkContainerNames(project.services);
  checkPublishedPorts(project.services);
}
