import type { Credentials, RegistryOptions } from '../../../../runtime/images/index.js';
import { registryHost } from '../../../../runtime/images/index.js';
import type { ApiCall } from '../../http/route.js';

/**
 * The daemon's registry options with the credentials of `X-Registry-Config`, which the docker CLI
 * sends with a build: base64 JSON of registry -> `{username, password}` (or `identitytoken`), one
 * entry per registry the user is logged in to. Docker Hub's key is its index URL.
 */
export function buildRegistryOptions(call: ApiCall, daemon: RegistryOptions): RegistryOptions {
  const header = call.request.headers['x-registry-config'];
  if (typeof header !== 'string' || header === '') return daemon;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return daemon;
  }
  if (parsed === null || typeof parsed !== 'object') return daemon;
  const byHost = new Map<string, Credentials>();
  for (const [key, value] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
    if (value === null || typeof value !== 'object') continue;
    const host = hostOf(key);
    if (typeof value.identitytoken === 'string' && value.identitytoken !== '') byHost.set(host, { identityToken: value.identitytoken });
    else if (typeof value.username === 'string' && value.username !== '') byHost.set(host, { username: value.username, password: typeof value.password === 'string' ? value.password : '' });
  }
  if (byHost.size === 0) return daemon;
  return { ...daemon, credentials: { get: (host) => Promise.resolve(byHost.get(host)) } };
}

/** `https://index.docker.io/v1/` is Docker Hub; other keys are hosts, maybe with a scheme. */
function hostOf(key: string): string {
  if (/index\.docker\.io/.test(key)) return registryHost('docker.io');
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}
