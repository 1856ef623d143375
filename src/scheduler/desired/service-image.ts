import type { Project, ServiceConfig } from '../../compose-spec/index.js';

/** The image a service runs: its `image`, else the name Compose gives a built one (`<project>-<service>`). */
export function serviceImage(project: Project, service: string): string {
  const config: ServiceConfig | undefined = project.services[service];
  return config?.image ?? `${project.name}-${service}`;
}

/** The engine names of the networks a service joins, highest priority first; none for a network_mode. */
export function serviceNetworkNames(project: Project, service: string): string[] {
  const config = project.services[service];
  if (!config || config.network_mode !== undefined) return [];
  const entries = Object.entries(config.networks ?? {});
  entries.sort(([a, left], [b, right]) => (right?.priority ?? 0) - (left?.priority ?? 0) || a.localeCompare(b));
  return entries.map(([key]) => project.networks?.[key]?.name ?? `${project.name}_${key}`);
}

/** Keys of the project's named volumes that a service mounts. */
export function serviceVolumeKeys(project: Project, service: string): string[] {
  const config = project.services[service];
  const keys = (config?.volumes ?? [])
    .filter((mount) => mount.type === 'volume' && mount.source !== undefined && project.volumes?.[mount.source] !== undefined)
    .map((mount) => mount.source!);
  return [...new Set(keys)];
}
