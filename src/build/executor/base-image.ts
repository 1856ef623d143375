import { BerthError } from '../../errors/index.js';
import { configMediaType, findImage, keepUnnamed } from '../../runtime/images/operations/index.js';
import { pullImage, type ContentStore, type RegistryOptions } from '../../runtime/images/index.js';
import { hostPlatform, MediaTypes } from '../../runtime/images/registry/index.js';
import type { BuildOutput } from './build-types.js';

export interface BaseImageOptions {
  /** `--pull`: fetch the image again even when the store has it. */
  pull: boolean;
  registry: RegistryOptions;
  output: BuildOutput;
  signal: AbortSignal;
}

/**
 * The image a FROM (or COPY --from, or a mount's `from`) names, by id: the store's when it has
 * it, else pulled from its registry, as the classic builder does; `scratch` is an image with no
 * layers and an empty config.
 */
export async function baseImage(store: ContentStore, name: string, options: BaseImageOptions): Promise<string> {
  if (name.toLowerCase() === 'scratch') return scratchImage(store);
  if (!options.pull) {
    const found = await findImage(store, name).catch(() => undefined);
    if (found) return found.image.id;
  }
  options.output.write(`Pulling ${name}\n`);
  try {
    const pulled = await pullImage(store, name, { registry: options.registry, signal: options.signal });
    options.output.write(`Status: Downloaded newer image for ${name}\n`);
    return pulled.configDigest;
  } catch (error) {
    if (options.pull) {
      const found = await findImage(store, name).catch(() => undefined);
      // A local-only image (never pushed) stays usable with --pull, as Docker's builder keeps it.
      if (found) return found.image.id;
    }
    throw new BerthError({
      code: 'BUILD_BASE_IMAGE',
      kind: error instanceof BerthError && error.kind !== 'internal' ? error.kind : 'not-found',
      message: `pull access denied or image not found: ${name}: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'check the FROM image\'s name and tag, that its registry is reachable, and that you are logged in to it if it is private',
      cause: error,
    });
  }
}

/** The empty image FROM scratch starts from: its bytes are fixed, so it is stored once. */
async function scratchImage(store: ContentStore): Promise<string> {
  const { architecture, os } = hostPlatform();
  const config = Buffer.from(JSON.stringify({ architecture, config: {}, history: [], os, rootfs: { type: 'layers', diff_ids: [] } }));
  const id = await store.writeBytes(config);
  const manifestDigest = await store.writeJson({ schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: { mediaType: configMediaType, digest: id, size: config.length }, layers: [] });
  await keepUnnamed(store, manifestDigest, id);
  return id;
}
