import { ComposeError } from '../compose-error.js';
import { dependencyEdges } from './service-dependencies.js';

type Services = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Fails on a dependency cycle, naming it in order: `a -> b -> c -> a`. */
export function checkDependencyCycles(services: Services): void {
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    const loopStart = trail.indexOf(name);
    if (loopStart >= 0) {
      const cycle = [...trail.slice(loopStart), name];
      throw new ComposeError({
        code: 'COMPOSE_DEPENDENCY_CYCLE',
        message: `dependency cycle detected: ${cycle.join(' -> ')}`,
        path: ['services', cycle[0]!],
        hint: `remove one of these dependencies (depends_on, links, volumes_from or network_mode: service:) so that ${cycle[0]} does not end up depending on itself`,
      });
    }
    if (done.has(name) || !services[name]) return;
    for (const edge of dependencyEdges(services[name]!)) visit(edge.service, [...trail, name]);
    done.add(name);
  };
  for (const name of Object.keys(services).sort()) visit(name, []);
}
