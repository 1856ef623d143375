import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import { resolveInRoot } from '../paths/index.js';
import { copyTree } from './tree-copy.js';
import type { VolumeLayout } from './volume-layout.js';

export interface CopyUpRequest {
  /** The image's root filesystem on the host (a container's root before it starts). */
  imageRoot: string;
  /** Where the volume is mounted in the container: the image's content there is what is copied. */
  path: string;
  /** The mount's `nocopy` option: the volume is left as it is. */
  noCopy?: boolean;
}

/**
 * What a copy-up did. `nothing-in-image` leaves the volume open to a later container whose image
 * has content there, as Docker does; after `copied` and `volume-not-empty` the volume is marked
 * and never filled again, even when emptied later.
 */
export type CopyUpOutcome = 'copied' | 'nocopy' | 'already-copied' | 'volume-not-empty' | 'nothing-in-image';

/**
 * Fills an empty volume with what the image has at the mount path, once. The image path is
 * resolved inside the image root (see resolveInRoot), the copy keeps owners, modes, xattrs, links
 * and devices (see copyTree), and it is made in a scratch directory beside `_data` and renamed
 * over the empty `_data`, so a crash leaves the volume either empty or full, never half-filled.
 * The mark is written last: a crash after the rename leaves a full volume without a mark, which
 * the next copy-up finds not empty and marks.
 */
export async function copyUp(layout: VolumeLayout, name: string, request: CopyUpRequest): Promise<CopyUpOutcome> {
  if (request.noCopy) return 'nocopy';
  const mark = layout.copiedUpMark(name);
  if (await present(mark)) return 'already-copied';
  const data = layout.data(name);
  await requireRealDirectory(data, name);
  const source = await resolveInRoot(request.imageRoot, request.path);
  const sourceStats = await lstat(source).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (sourceStats === undefined) return 'nothing-in-image';
  if (!sourceStats.isDirectory()) {
    throw new BerthError({
      code: 'VOLUME_OVER_FILE',
      kind: 'conflict',
      message: `cannot mount volume ${name} at ${request.path}: the image has a file there, not a directory`,
      hint: `mount the volume at a path that is a directory in the image, or one the image does not have`,
    });
  }
  if ((await readdir(data)).length > 0) {
    markCopied(mark, request.path);
    return 'volume-not-empty';
  }
  const outcome = await copyIntoEmpty(layout, name, source);
  markCopied(mark, request.path);
  return outcome;
}

async function copyIntoEmpty(layout: VolumeLayout, name: string, source: string): Promise<CopyUpOutcome> {
  const data = layout.data(name);
  const scratch = layout.copyScratch(name);
  await mkdir(scratch, { mode: 0o700 });
  try {
    await copyTree(source, scratch);
    try {
      await rename(scratch, data);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Something wrote into the volume while the copy was made: its content wins.
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'volume-not-empty';
      // `_data` is a mount point (a volume with driver options in use): copy into the mount itself.
      if (code !== 'EBUSY') throw error;
      await copyTree(source, data);
    }
    return 'copied';
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `_data` must be the directory berth made: a symbolic link there would carry the copy out of the volume. */
async function requireRealDirectory(data: string, name: string): Promise<void> {
  const stats = await lstat(data).catch(() => undefined);
  if (stats?.isDirectory()) return;
  throw new BerthError({
    code: 'VOLUME_DATA_NOT_DIRECTORY',
    kind: 'internal',
    message: `volume ${name} cannot be filled: ${data} is ${stats === undefined ? 'missing' : 'not a directory'}`,
    hint: 'something other than berth changed the volume directory; remove the volume and create it again',
  });
}

function markCopied(mark: string, path: string): void {
  writeFileAtomic(mark, `${path}\n`, 0o600);
}

async function present(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
