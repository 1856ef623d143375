import { defaultImageName, type Project, type ServiceConfig } from '../../compose-spec/index.js';
import { networkName } from '../contract/names.js';
import { networksByPriority } from './container-networking.js';

/** The image a service runs: its `image`, else the name Compose gives a built one (`<project>-<service>`). */
export function serviceImage(project: Project, service: string): string {
  const config: ServiceConfig | undefined = project.services[service];
  return defaultImageName(project.name, service, config?.image);
}

/** The engine names of the networks a service joins, highest priority first; none for a network_mode. */
export function serviceNetworkNames(project: Project, service: string): string[] {
  const config = project.services[service];
  if (!config || config.network_mode !== undefined) return [];
  return networksByPriority(config).map((key) => networkName(project, key));
}

/** Keys of the project's named volumes that a service mounts. */
export function serviceVolumeKeys(project: Project, service: string): string[] {
  const config = project.services[service];
  const keys = (config?.volumes ?? [])
    .filter((mount) => mount.type === 'volume' && mount.source !== undefined && project.volumes?.[mount.source] !== undefined)
    .map((mount) => mount.source!);
  return [...new Set(keys)];
}
