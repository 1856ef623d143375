import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { formatReference, parseReference } from '../reference/index.js';
import { openRegistry, type BlobSource, type Descriptor, type RegistryOptions } from '../registry/index.js';
import type { ContentStore } from '../store/index.js';
import { fetchFromOrigins, mountFromOrigin, type AbsentLayer } from './absent-layer.js';
import type { PushProgress } from './push-progress.js';
import { runSideBySide } from '../side-by-side.js';
import { readStoredImage } from './stored-image.js';

export interface PushOptions {
  /** Credentials (e.g. dockerConfigCredentials()), insecure registries, retries. Pushes never go to a mirror. */
  registry?: RegistryOptions;
  onProgress?: (event: PushProgress) => void;
  /**
   * Stops the push at once, between blobs or in the middle of an upload; the push then rejects
   * with the signal's reason. The manifest goes last, so a push stopped before it leaves the tag
   * as the registry had it: blobs already uploaded stay there unnamed, an unfinished upload is
   * purged by the registry.
   */
  signal?: AbortSignal;
}

export interface PushedImage {
  /** The full reference pushed: `127.0.0.1:5000/app/web:1`. */
  reference: string;
  /** The manifest's digest in the registry: the stored one, since its bytes are sent unchanged. */
  manifestDigest: string;
}

/**
 * Pushes the image the store holds as `text` to the registry its reference names, as
 * `docker push` does: each layer blob, then the config, then the manifest under the tag. Blobs
 * and manifest go exactly as stored, so pushing a pulled image reproduces its digest, and a
 * reference tagged for another registry pushes the same bytes there. Each blob is checked with
 * HEAD first and skipped when the registry has it; the manifest goes last, once everything it
 * names is there. A layer blob the store never downloaded (its layer came unpacked with another
 * image) is mounted or fetched from where it was pulled, unless the registry has it (absent-layer.ts).
 * Layers upload side by side; one that fails stops the others, and the push settles once all have
 * stopped.
 */
export async function pushImage(content: ContentStore, text: string, options: PushOptions = {}): Promise<PushedImage> {
  const reference = parseReference(text);
  const subject = formatReference(reference);
  if (reference.digest !== undefined) {
    throw new BerthError({
      code: 'PUSH_DIGEST_REFERENCE',
      kind: 'usage',
      message: `cannot push ${subject}: a digest reference cannot be pushed`,
      hint: 'push the image under a name and tag, as in registry.example/app:1',
    });
  }
  const tag = reference.tag ?? 'latest';
  // Keeps the image's blobs, and any layer fetched for it, from garbage collection meanwhile.
  await using store = await content.lease();
  const image = await readStoredImage(store, subject);
  // Mirrors serve reads of Docker Hub; whether the target holds a blob only the target can say.
  const registry = openRegistry(reference.domain, { ...options.registry, mirrors: [] });
  const repository = reference.path;
  const report = options.onProgress ?? (() => undefined);
  const layers = uniqueByDigest(image.manifest.layers);
  const { signal } = options;
  report({ kind: 'manifest', reference: subject, digest: image.manifestDigest, layers: layers.map(({ digest, size }) => ({ digest, size })) });

  await runSideBySide(layers.map((layer) => async (stop: AbortSignal) => {
    const done = { digest: layer.digest, current: layer.size, total: layer.size };
    const content = storedBlob(store, layer, (bytes) => report({ kind: 'layer', digest: layer.digest, status: 'pushing', current: bytes, total: layer.size }));
    let sent: { readonly uploaded: boolean };
    if (await store.has(layer.digest)) {
      sent = await registry.pushBlob(repository, layer.digest, content, { signal: stop });
    } else {
      const absent: AbsentLayer = { store, layer, subject, manifestDigest: image.manifestDigest };
      const from = await mountFromOrigin(absent, { domain: reference.domain, repository, registry }, stop);
      if (from !== undefined) {
        report({ kind: 'layer', status: 'mounted', from, ...done });
        return;
      }
      sent = await registry.pushBlob(repository, layer.digest, async () => {
        await fetchFromOrigins(absent, options.registry, stop);
        return content;
      }, { signal: stop });
    }
    report({ kind: 'layer', status: sent.uploaded ? 'pushed' : 'exists', ...done });
  }), signal);
  await registry.pushBlob(repository, image.manifest.config.digest, storedBlob(store, image.manifest.config), { signal });
  const manifestDigest = await registry.putManifest(repository, tag, image.mediaType, image.bytes, { signal });

  report({ kind: 'done', reference: subject, digest: manifestDigest });
  return { reference: subject, manifestDigest };
}

/**
 * A stored blob as an upload body. The client opens it again when it retries the PUT, so the
 * byte count starts over with each opening.
 */
function storedBlob(store: ContentStore, descriptor: Descriptor, onBytes?: (sent: number) => void): BlobSource {
  const path = store.path(descriptor.digest);
  return {
    size: descriptor.size,
    open: () => (onBytes === undefined ? createReadStream(path) : Readable.from(counted(createReadStream(path), onBytes), { objectMode: false })),
  };
}

async function* counted(stream: Readable, onBytes: (sent: number) => void): AsyncGenerator<Buffer> {
  let sent = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    sent += chunk.length;
    onBytes(sent);
    yield chunk;
  }
}

/** A manifest may name one layer twice (two empty layers); it is uploaded and reported once. */
function uniqueByDigest(layers: readonly Descriptor[]): Descriptor[] {
  return [...new Map(layers.map((layer) => [layer.digest, layer])).values()];
}
