import type { ContainerTree } from './container-tree.js';
import type { OpenedArchive, PathArchive } from './archive-path.js';

/**
 * Hands out an archive while the container stays held, as Docker keeps a container locked until
 * its archive is read: `hold` runs its work under the container's queue (and with its root
 * mounted), and that work lasts until the tar is closed and what it held is given back. The
 * promise settles as soon as the tar can be read; the caller must read it to its end or destroy it.
 */
export function holdWhileRead(hold: (work: (tree: ContainerTree) => Promise<void>) => Promise<void>, open: (tree: ContainerTree) => Promise<OpenedArchive>): Promise<PathArchive> {
  return new Promise((resolve, reject) => {
    hold(async (tree) => {
      const archive = await open(tree);
      resolve({ stat: archive.stat, tar: archive.tar });
      await archive.released;
    }).catch(reject);
  });
}
