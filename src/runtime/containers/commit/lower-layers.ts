import { lstat } from 'node:fs/promises';
import type { LowerLookup } from './prune-directories.js';

/**
 * What the image's unpacked layers (bottom first) hold at a path: the topmost layer that has
 * something there decides, and a whiteout there means nothing. An opaque directory higher up
 * that hides the path is not looked for: the lookup only tells whether a directory the container
 * copied up is the image's, and a miss there keeps a directory in the commit, never loses one.
 */
export function lowerLookup(layers: readonly string[]): LowerLookup {
  const topFirst = [...layers].reverse();
  return async (path) => {
    for (const layer of topFirst) {
      const stats = await lstat(Buffer.concat([Buffer.from(`${layer}/`, 'utf8'), Buffer.from(path, 'latin1')])).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        throw error;
      });
      if (stats === undefined) continue;
      if (stats.isCharacterDevice() && stats.rdev === 0) return undefined;
      return { directory: stats.isDirectory(), mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
    }
    return undefined;
  };
}
