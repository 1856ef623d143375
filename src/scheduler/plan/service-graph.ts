import toposort from 'toposort';
import { dependencyEdges, type Project, type ServiceDependencyEdge } from '../../compose-spec/index.js';

/** What a service waits for: `depends_on` with its condition, and the implicit edges (links, volumes_from, service: modes). */
export interface ServiceDependency extends ServiceDependencyEdge {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart: boolean;
}

export function dependenciesOf(project: Project, service: string): ServiceDependency[] {
  const config = project.services[service];
  if (!config) return [];
  return dependencyEdges(config as unknown as Record<string, unknown>).map((edge) => {
    const declared = edge.via === 'depends_on' ? config.depends_on?.[edge.service] : undefined;
    return { ...edge, condition: declared?.condition ?? 'service_started', restart: declared?.restart ?? false };
  });
}

/** The services named and everything they depend on, in the project (a missing optional one is left out). */
export function withDependencies(project: Project, services: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !project.services[name]) return;
    seen.add(name);
    for (const dependency of dependenciesOf(project, name)) visit(dependency.service);
  };
  for (const name of services) visit(name);
  return [...seen];
}

/**
 * The services in start order, dependencies first; ties keep alphabetical order so plans are
 * stable. Cycles were refused when the project loaded.
 */
export function startOrder(project: Project, services: readonly string[]): string[] {
  const included = new Set(services);
  const sorted = [...included].sort();
  const edges: Array<[string, string]> = [];
  for (const name of sorted) {
    for (const dependency of dependenciesOf(project, name)) {
      if (included.has(dependency.service)) edges.push([dependency.service, name]);
    }
  }
  return toposort.array(sorted, edges);
}

/** The services that depend on `service`, among `services`. */
export function dependentsOf(project: Project, service: string, services: readonly string[]): string[] {
  return services.filter((name) => dependenciesOf(project, name).some((dependency) => dependency.service === service));
}
