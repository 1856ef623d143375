/**
 * The services a service needs started before it: `depends_on`, and the implicit dependencies of
 * `links`, `volumes_from`, and `network_mode`/`ipc`/`pid` set to `service:NAME`.
 */
export interface ServiceDependencyEdge {
  service: string;
  /** Where the dependency is written, for messages. */
  via: string;
  required: boolean;
}

export function dependencyEdges(service: Readonly<Record<string, unknown>>): ServiceDependencyEdge[] {
  const edges: ServiceDependencyEdge[] = [];
  const dependsOn = service.depends_on;
  if (dependsOn && typeof dependsOn === 'object') {
    const entries = Array.isArray(dependsOn)
      ? dependsOn.map((name) => [String(name), {}] as const)
      : Object.entries(dependsOn as Record<string, { required?: boolean } | null>);
    for (const [name, options] of entries) {
      edges.push({ service: name, via: 'depends_on', required: (options as { required?: boolean } | null)?.required !== false });
    }
  }
  for (const link of stringList(service.links)) edges.push({ service: link.split(':')[0]!, via: 'links', required: true });
  for (const source of stringList(service.volumes_from)) {
    if (!source.startsWith('container:')) edges.push({ service: source.split(':')[0]!, via: 'volumes_from', required: true });
  }
  for (const key of ['network_mode', 'ipc', 'pid'] as const) {
    const value = service[key];
    if (typeof value === 'string' && value.startsWith('service:')) {
      edges.push({ service: value.slice('service:'.length), via: key, required: true });
    }
  }
  return edges;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
