import { usageError } from '../../errors/index.js';

/** A Docker Hub mirror as dockerd checks it: an http(s) URL with no path, query or credentials. */
export function checkMirror(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidMirror(`${JSON.stringify(value)} is not a valid URI`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidMirror(`unsupported scheme ${JSON.stringify(url.protocol.slice(0, -1))} in ${JSON.stringify(value)}`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') throw invalidMirror(`path, query, or fragment at end of the URI ${JSON.stringify(value)}`);
  if (url.username !== '' || url.password !== '') throw invalidMirror(`username/password not allowed in URI ${JSON.stringify(value)}`);
  return value.replace(/\/+$/, '');
}

/** An insecure registry is a host[:port] or a CIDR, never a URL (dockerd's rule). */
export function checkInsecureRegistry(value: string): string {
  if (value.includes('://')) {
    throw usageError(`insecure registry ${value} should not contain '://'`, `give the host and port only, e.g. ${value.replace(/^[a-z]+:\/\//, '')}`);
  }
  return value;
}

function invalidMirror(reason: string) {
  return usageError(`invalid mirror: ${reason}`, 'give a mirror as http(s)://host[:port], e.g. http://127.0.0.1:5000');
}
