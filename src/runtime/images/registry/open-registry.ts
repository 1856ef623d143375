import { BerthError } from '../../../errors/index.js';
import { isDockerHub, registryHost } from '../reference/index.js';
import { MirroredRegistry } from './mirrored-registry.js';
import { RegistryClient } from './registry-client.js';
import type { Registry, RegistryOptions } from './types.js';

/**
 * The registry that serves references under `domain` (an ImageReference's domain): Docker Hub
 * through `registry-1.docker.io`, behind `options.mirrors` when there are any; any other domain
 * directly. One Registry per pull or push, so its tokens are shared by the manifest and blob
 * requests of one image.
 */
export function openRegistry(domain: string, options: RegistryOptions = {}): Registry {
  const direct = new RegistryClient(registryHost(domain), options);
  const mirrors = options.mirrors ?? [];
  if (!isDockerHub(domain) || mirrors.length === 0) return direct;
  return new MirroredRegistry(
    mirrors.map((mirror) => new RegistryClient(mirrorUrl(mirror), options)),
    direct,
  );
}

/** A mirror is written as dockerd takes it: `https://host[:port]` or `http://host[:port]`, nothing after. */
function mirrorUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '') && !url.search) return url;
  throw new BerthError({
    code: 'MIRROR_INVALID',
    kind: 'usage',
    message: `registry mirror "${text}" is not an http:// or https:// URL of a host`,
    hint: 'write a mirror as https://mirror.example.com or http://127.0.0.1:5000',
  });
}
