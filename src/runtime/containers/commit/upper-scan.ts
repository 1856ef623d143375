import type { BigIntStats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { BerthError } from '../../../errors/index.js';
import { isLeftOut } from './left-out.js';
import type { Xattr } from './upper-xattrs.js';

/**
 * One change in a container's writable layer (overlayfs's upper directory), in the order a
 * layer lists it: a directory before what it holds, names sorted by their bytes. Paths are
 * relative to the root, latin1 (one character per byte), as layer code keeps names.
 */
export type UpperEntry =
  | { kind: 'directory'; path: string; stats: BigIntStats; xattrs: Xattr[]; opaque: boolean; holdsLeftOut: boolean }
  | { kind: 'file'; path: string; stats: BigIntStats; xattrs: Xattr[]; hardLinkTo?: string }
  | { kind: 'symlink'; path: string; stats: BigIntStats; xattrs: Xattr[]; target: Buffer }
  | { kind: 'fifo'; path: string; stats: BigIntStats; xattrs: Xattr[] }
  /** A 0:0 character device: overlayfs's mark that the file below is deleted. */
  | { kind: 'whiteout'; path: string; stats: BigIntStats };

/**
 * Reads the upper directory into entries. What Docker would not commit is left out (left-out.ts),
 * with `alsoLeftOut` (a build step's mount points, paths relative to the root),
 * and so are sockets and device nodes (berth's layers carry none: its extractor refuses them).
 * A regular file with more than one link is listed whole once, then as hard links to that first
 * name, as Docker's archiver does. `xattrs` are readXattrs' of the same directory: overlayfs's
 * own go, except that `trusted.overlay.opaque=y` marks the directory opaque.
 */
export async function scanUpper(upper: string, xattrs: ReadonlyMap<string, Xattr[]>, alsoLeftOut?: ReadonlySet<string>): Promise<UpperEntry[]> {
  const entries: UpperEntry[] = [];
  const firstNames = new Map<string, string>();
  const onDisk = (path: string): Buffer => Buffer.concat([Buffer.from(`${upper}/`, 'utf8'), Buffer.from(path, 'latin1')]);

  /** Adds the entries under `directory` ('' for the root); true when one of them was left out. */
  const walk = async (directory: string): Promise<boolean> => {
    let holdsLeftOut = false;
    const names = ((await gone(readdir(directory === '' ? Buffer.from(upper, 'utf8') : onDisk(directory), { encoding: 'buffer' }))) ?? []).sort(Buffer.compare);
    for (const name of names) {
      const path = directory === '' ? name.toString('latin1') : `${directory}/${name.toString('latin1')}`;
      if (isLeftOut(path, alsoLeftOut)) {
        holdsLeftOut = true;
        continue;
      }
      const stats = await gone(lstat(onDisk(path), { bigint: true }));
      if (stats === undefined) continue;
      const own = keptXattrs(xattrs.get(path) ?? [], path);
      if (stats.isDirectory()) {
        const entry: UpperEntry = { kind: 'directory', path, stats, xattrs: own.kept, opaque: own.opaque, holdsLeftOut: false };
        entries.push(entry);
        entry.holdsLeftOut = await walk(path);
        holdsLeftOut ||= entry.holdsLeftOut;
      } else if (stats.isFile()) {
        const inode = `${stats.dev}:${stats.ino}`;
        const first = stats.nlink > 1n ? firstNames.get(inode) : undefined;
        if (stats.nlink > 1n && first === undefined) firstNames.set(inode, path);
        entries.push({ kind: 'file', path, stats, xattrs: own.kept, ...(first !== undefined ? { hardLinkTo: first } : {}) });
      } else if (stats.isSymbolicLink()) {
        const target = await gone(readlink(onDisk(path), { encoding: 'buffer' }));
        if (target !== undefined) entries.push({ kind: 'symlink', path, stats, xattrs: own.kept, target });
      } else if (stats.isFIFO()) {
        entries.push({ kind: 'fifo', path, stats, xattrs: own.kept });
      } else if (stats.isCharacterDevice() && stats.rdev === 0n) {
        entries.push({ kind: 'whiteout', path, stats });
      }
    }
    return holdsLeftOut;
  };
  await walk('');
  return entries;
}

/**
 * What a read found, or undefined for a file the container removed meanwhile: a container
 * committed without pausing goes on changing its files while they are read.
 */
async function gone<T>(reading: Promise<T>): Promise<T | undefined> {
  try {
    return await reading;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The attributes a layer keeps, as GNU tar's `--xattrs` would store them minus what only means
 * something on this host: overlayfs's bookkeeping (`trusted.overlay.*`, `user.overlay.*`), the
 * SELinux label and POSIX ACLs (`system.*`). A redirect or metacopy attribute means overlayfs kept
 * a renamed directory or a file's data in a lower layer, which a diff of the upper directory cannot
 * carry: refused, with the fix.
 */
function keptXattrs(all: readonly Xattr[], path: string): { kept: Xattr[]; opaque: boolean } {
  let opaque = false;
  const kept: Xattr[] = [];
  for (const [name, value] of all) {
    if (name === 'trusted.overlay.opaque') opaque = value.toString('latin1') === 'y';
    else if (name === 'trusted.overlay.redirect' || name === 'trusted.overlay.metacopy') throw overlayFeature(name, path);
    else if (name.startsWith('trusted.overlay.') || name.startsWith('user.overlay.') || name.startsWith('system.') || name === 'security.selinux') continue;
    else kept.push([name, value]);
  }
  return { kept, opaque };
}

function overlayFeature(name: string, path: string): BerthError {
  const feature = name === 'trusted.overlay.redirect' ? 'redirect_dir' : 'metacopy';
  return new BerthError({
    code: 'COMMIT_OVERLAY_UNSUPPORTED',
    kind: 'unavailable',
    message: `cannot commit the container: /${Buffer.from(path, 'latin1').toString('utf8')} carries ${name}, so overlayfs keeps part of it in the image's layers, which a commit cannot copy`,
    hint: `turn overlayfs's ${feature} off (echo N > /sys/module/overlay/parameters/${feature}) and recreate the container`,
  });
}
