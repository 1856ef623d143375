import type { ContainerPort } from '../../api/index.js';

/**
 * A container's ports as `docker ps` and `docker compose ps` print them: `0.0.0.0:8080->80/tcp`,
 * `[::]:8080->80/tcp`, unpublished ones as `80/tcp`, and runs of consecutive ports published to
 * the same numbers grouped into ranges (`0.0.0.0:8000-8002->8000-8002/tcp`). Mappings to other
 * host ports come after the groups, as the docker CLI orders them.
 */
export function displayablePorts(ports: readonly ContainerPort[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.PrivatePort;
    let key: string = port.Type;
    if (port.IP) {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, String(port.PublicPort ?? 0))}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: current, last: current });
    } else if (current === group.last + 1) {
      group.last = current;
    } else {
      result.push(formGroup(key, group));
      // Re-inserting moves nothing: a Map keeps a key's first position, as the CLI's key list does.
      groups.set(key, { first: current, last: current });
    }
  }
  for (const [key, group] of groups) result.push(formGroup(key, group));
  return [...result, ...hostMappings].join(', ');
}

function formGroup(key: string, group: { first: number; last: number }): string {
  const slash = key.lastIndexOf('/');
  const ip = slash >= 0 ? key.slice(0, slash) : '';
  const type = slash >= 0 ? key.slice(slash + 1) : key;
  const range = group.first === group.last ? String(group.first) : `${group.first}-${group.last}`;
  return ip ? `${joinHostPort(ip, range)}->${range}/${type}` : `${range}/${type}`;
}

/** Go's net.JoinHostPort: an IPv6 address goes in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(a: ContainerPort, b: ContainerPort): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  if ((a.IP ?? '') !== (b.IP ?? '')) return (a.IP ?? '') < (b.IP ?? '') ? -1 : 1;
  if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}
