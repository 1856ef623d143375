import { isMapping } from './tree.js';

/**
 * What makes two `ports` entries the same mapping once Compose has put them in long form:
 * host address, published port, container port and protocol (`0.0.0.0:8080:80/tcp`). Short and
 * long forms of one mapping get one identity, so a later file's `"8080:80"` replaces an earlier
 * `{target: 80, published: 8080}`. A range (`"8000-8001:80-81"`) is one identity of its own:
 * its single ports are only told apart once it is expanded, after merging.
 */
export function portIdentity(entry: unknown): string | undefined {
  if (typeof entry === 'number') return identity(undefined, undefined, String(entry), undefined);
  if (typeof entry === 'string') return shortPortIdentity(entry);
  if (isMapping(entry) && entry.target !== undefined && entry.target !== null) {
    return identity(text(entry.host_ip), text(entry.published), String(entry.target), text(entry.protocol));
  }
  return undefined;
}

function shortPortIdentity(spec: string): string {
  const slash = spec.lastIndexOf('/');
  const protocol = slash === -1 ? undefined : spec.slice(slash + 1);
  let rest = slash === -1 ? spec : spec.slice(0, slash);
  let host: string | undefined;
  if (rest.startsWith('[')) {
    // `[::1]:8080:80`: brackets keep an IPv6 address's colons apart from the ports'.
    const close = rest.indexOf(']');
    host = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  const target = parts.pop()!;
  const published = parts.pop();
  if (parts.length > 0) host = parts.join(':');
  return identity(host, published === '' ? undefined : published, target, protocol);
}

function identity(host: string | undefined, published: string | undefined, target: string, protocol: string | undefined): string {
  return `${host || '0.0.0.0'}:${published ?? ''}:${target}/${protocol || 'tcp'}`;
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
