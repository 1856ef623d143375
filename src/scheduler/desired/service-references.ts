import { BerthError } from '../../errors/index.js';

/** The engine name of a running container of a service, or `undefined` when it has none. */
export type ContainerOfService = (service: string) => string | undefined;

/**
 * A namespace mode with `service:NAME` turned into `container:<its container>`, as Compose does
 * for `network_mode`, `ipc` and `pid`; other modes (`host`, `container:x`, `shareable`) as written.
 */
export function sharedNamespaceMode(
  mode: string | undefined,
  namespace: 'network' | 'IPC' | 'PID',
  dependent: string,
  containerOf: ContainerOfService,
): string | undefined {
  if (mode === undefined || !mode.startsWith('service:')) return mode;
  const service = mode.slice('service:'.length);
  return `container:${requireContainer(service, dependent, containerOf, `share the ${namespace} namespace of`)}`;
}

/**
 * `VolumesFrom` entries: `service[:ro|rw]` becomes `<its container>[:ro|rw]` and
 * `container:name[:ro|rw]` becomes `name[:ro|rw]`. Compose drops the access mode here; berth
 * keeps it, so `:ro` stays read-only.
 */
export function volumesFrom(entries: readonly string[] | undefined, dependent: string, containerOf: ContainerOfService): string[] | undefined {
  return entries?.map((entry) => {
    if (entry.startsWith('container:')) return entry.slice('container:'.length);
    const [service = '', mode] = entry.split(':');
    const container = requireContainer(service, dependent, containerOf, 'share volumes with');
    return mode === undefined ? container : `${container}:${mode}`;
  });
}

/**
 * Legacy links, `container:alias`: `links` (`service[:alias]`) through the service's container,
 * skipped when it has none (as Compose skips a service without containers), and
 * `external_links` (`container[:alias]`) as written.
 */
export function legacyLinks(
  links: readonly string[] | undefined,
  externalLinks: readonly string[] | undefined,
  containerOf: ContainerOfService,
): string[] {
  const result: string[] = [];
  for (const link of links ?? []) {
    const [service = '', alias = service] = link.split(':');
    const container = containerOf(service);
    if (container !== undefined) result.push(`${container}:${alias}`);
  }
  for (const link of externalLinks ?? []) {
    const [container = '', alias = container] = link.split(':');
    result.push(`${container}:${alias}`);
  }
  return result;
}

function requireContainer(service: string, dependent: string, containerOf: ContainerOfService, action: string): string {
  const container = containerOf(service);
  if (container !== undefined) return container;
  throw new BerthError({
    code: 'SERVICE_CONTAINER_MISSING',
    kind: 'not-found',
    message: `service "${dependent}" cannot ${action} service "${service}": "${service}" has no container`,
    hint: `start "${service}" first (berth up ${service}), or remove the reference from "${dependent}"`,
  });
}
