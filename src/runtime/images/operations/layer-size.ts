import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { layerChain, type ContentStore } from '../store/index.js';

/**
 * Sizes of unpacked layers, by diff directory. A layer never changes once unpacked, so a size is
 * computed once per process; a layer removed and unpacked again holds the same files.
 */
const sizes = new Map<string, Promise<number>>();

/**
 * The size of one layer as Docker's overlay2 driver reports it (`directory.Size` of the diff
 * directory): the apparent sizes of everything but directories, symlinks counting their target's
 * length, each hard-linked inode once; whiteout devices count nothing. Summed over an image's
 * layers it is Docker's image `Size`, so the same image shows the same size on both engines.
 */
export function layerSize(store: ContentStore, chainId: string, subject: string): Promise<number> {
  const directory = store.diffPath(chainId);
  let size = sizes.get(directory);
  if (!size) {
    size = measure(directory, chainId, subject);
    sizes.set(directory, size);
    size.catch(() => sizes.delete(directory));
  }
  return size;
}

/** The sizes of an image's layers, bottom first, from its configuration's DiffIDs. */
export function layerSizes(store: ContentStore, diffIds: readonly string[], subject: string): Promise<number[]> {
  return Promise.all(layerChain(diffIds).map((link) => layerSize(store, link.chainId, subject)));
}

export async function imageSize(store: ContentStore, diffIds: readonly string[], subject: string): Promise<number> {
  return (await layerSizes(store, diffIds, subject)).reduce((total, size) => total + size, 0);
}

async function measure(directory: string, chainId: string, subject: string): Promise<number> {
  const inodes = new Set<number>();
  let total = 0;
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        await walk(child);
        continue;
      }
      const stats = await lstat(child);
      if (stats.size === 0 || inodes.has(stats.ino)) continue;
      inodes.add(stats.ino);
      total += stats.size;
    }
  };
  try {
    await walk(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new BerthError({
      code: 'IMAGE_LAYER_MISSING',
      kind: 'internal',
      message: `layer ${chainId} of ${subject} is not unpacked in the image store`,
      hint: 'the store was changed behind berth\'s back; remove the image and pull or load it again',
      cause: error,
    });
  }
  return total;
}
