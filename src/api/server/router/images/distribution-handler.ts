import { BerthError } from '../../../../errors/index.js';
import type { ApiCall } from '../../http/route.js';
import { openRegistry, parseReference } from '../../../../runtime/images/index.js';
import type { Descriptor, Platform, Registry } from '../../../../runtime/images/registry/index.js';
import type { ImagesBackend } from './index.js';
import { requestRegistryOptions } from './registry-auth.js';
import { dockerManifestRefusal } from './registry-refusal.js';

/** A configuration blob is a few kilobytes; one that claims more than this is not read. */
const maxConfigBytes = 8 * 1024 * 1024;

/**
 * `GET /distribution/{name}/json`: what the registry serves for the reference, without pulling it,
 * as dockerd answers: the manifest's (or index's) descriptor and the platforms it offers, an
 * index's from its entries (attestations, `unknown/unknown`, left out), a single manifest's from
 * its configuration. A reference the registry does not have is dockerd's 404 text, as for a pull.
 */
export async function distributionHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const reference = parseReference(call.params.name!);
  const registry = openRegistry(reference.domain, requestRegistryOptions(call, backend.registry));
  try {
    const fetched = await registry.getManifest(reference.path, reference.digest ?? reference.tag ?? 'latest', { signal: call.signal });
    const platforms =
      fetched.kind === 'index'
        ? fetched.json.manifests.flatMap((entry) => (entry.platform && entry.platform.os !== 'unknown' ? [entry.platform] : []))
        : [await configPlatform(registry, reference.path, fetched.json.config, call.signal)];
    call.sendJson({ Descriptor: { mediaType: fetched.mediaType, digest: fetched.digest, size: fetched.bytes.length }, Platforms: platforms });
  } catch (error) {
    throw dockerManifestRefusal(error, reference);
  }
}

async function configPlatform(registry: Registry, repository: string, config: Descriptor, signal: AbortSignal): Promise<Platform> {
  if (config.size > maxConfigBytes) {
    throw new BerthError({
      code: 'IMAGE_CONFIG_TOO_LARGE',
      kind: 'unavailable',
      message: `the configuration ${config.digest} of ${repository} claims ${config.size} bytes, more than an image configuration has`,
      hint: 'the registry serves a malformed image; check it with the registry owner',
    });
  }
  const chunks: Buffer[] = [];
  // The client stops the stream at the descriptor's size and checks the digest.
  for await (const chunk of await registry.getBlob(repository, config.digest, { size: config.size, signal })) chunks.push(chunk as Buffer);
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Platform>;
  return {
    architecture: parsed.architecture ?? '',
    os: parsed.os ?? '',
    ...(parsed['os.version'] ? { 'os.version': parsed['os.version'] } : {}),
    ...(parsed['os.features'] ? { 'os.features': parsed['os.features'] } : {}),
    ...(parsed.variant ? { variant: parsed.variant } : {}),
  };
}
