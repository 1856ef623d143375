import { BerthError } from '../../../errors/index.js';
import { openRegistry, type Descriptor, type Registry, type RegistryOptions } from '../registry/index.js';
import { fromOffset, type ContentStore } from '../store/index.js';

/**
 * A layer blob the store does not hold: a pull skipped its download because another image had the
 * layer unpacked already. Docker keeps "v2 metadata" for this; berth keeps the blob's origins
 * (ContentStore.recordOrigin). A push first asks the target whether it has the blob (pushBlob's
 * HEAD), mounts it when it came from another repository of the target registry, and otherwise
 * fetches it from where it was pulled into the store (verified), then uploads it.
 */
export interface AbsentLayer {
  store: ContentStore;
  layer: Descriptor;
  /** The pushed image as messages name it (`127.0.0.1:5000/app/web:1`), and its manifest digest for the hint. */
  subject: string;
  manifestDigest: string;
}

/**
 * Mounts the layer from an origin in another repository of the target registry (a cross-repository
 * blob mount: no bytes sent); resolves to that repository, or undefined when no origin is there or
 * the registry mounted nothing.
 */
export async function mountFromOrigin(absent: AbsentLayer, target: { domain: string; repository: string; registry: Registry }, signal?: AbortSignal): Promise<string | undefined> {
  for (const origin of await absent.store.origins(absent.layer.digest)) {
    if (origin.domain !== target.domain || origin.repository === target.repository) continue;
    if (await target.registry.mountBlob(target.repository, absent.layer.digest, origin.repository, { signal })) return origin.repository;
  }
  return undefined;
}

/**
 * Fetches the layer into the store from its origins in turn, checked against its digest and size.
 * Fails with IMAGE_BLOB_MISSING naming the image, the layer, each origin's reason, and the fix;
 * with the signal's reason, at once, when `signal` aborts.
 */
export async function fetchFromOrigins(absent: AbsentLayer, options: RegistryOptions | undefined, signal?: AbortSignal): Promise<void> {
  const { store, layer } = absent;
  const failures: string[] = [];
  for (const origin of await store.origins(layer.digest)) {
    try {
      const registry = openRegistry(origin.domain, options);
      const source = async (offset: number, download: AbortSignal) => fromOffset(await registry.getBlob(origin.repository, layer.digest, { size: layer.size, signal: download }), offset);
      await store.ingest({ digest: layer.digest, size: layer.size }, source, undefined, signal);
      return;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failures.push(`${origin.domain}/${origin.repository}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new BerthError({
    code: 'IMAGE_BLOB_MISSING',
    kind: 'not-found',
    message: `cannot push ${absent.subject}: the image store lacks layer ${layer.digest} (its pull found the layer unpacked for another image and skipped the download), and ${failures.length > 0 ? `fetching it failed (${failures.join('; ')})` : 'berth does not know where it was pulled from'}`,
    hint: `pull the image again by digest from a registry that has it (berth pull REPOSITORY@${absent.manifestDigest}), which notes where to fetch the layer, then push again`,
  });
}
