import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { describeExit, lastLines, missingPackage, runTool } from '../../tools/index.js';

/**
 * A container's root filesystem, as Docker's overlay2 driver makes it: the image's unpacked
 * layers as read-only lower directories, and the container's own writable layer.
 *
 *   <directory>/diff     the container's changes (the overlay's upper directory)
 *   <directory>/work     overlayfs's scratch directory, on the same filesystem as diff
 *   <directory>/merged   the mounted root, what the OCI bundle's root.path names
 */
export interface RootfsPaths {
  diff: string;
  work: string;
  merged: string;
}

export function rootfsPaths(directory: string): RootfsPaths {
  return { diff: join(directory, 'diff'), work: join(directory, 'work'), merged: join(directory, 'merged') };
}

/**
 * The kernel takes mount options up to a page. The lower directories are given relative to their
 * common parent (mount runs there), as overlay2 does with its short links, so an image of some
 * 40 to 50 layers fits.
 */
const mountOptionsLimit = 4095;

/**
 * Mounts the root of a container whose image has the unpacked layers `layers` (bottom first, as
 * store.diffPath(chainId) gives them) under `directory`, and returns the merged path. A root
 * already mounted there is left as it is, so a restarted engine can call this again.
 */
export async function mountRootfs(directory: string, layers: readonly string[]): Promise<string> {
  const paths = rootfsPaths(directory);
  if (await isMountPoint(paths.merged)) return paths.merged;
  for (const path of [paths.diff, paths.work, paths.merged]) await mkdir(path, { recursive: true });
  // An image with no layers (an empty import) still needs one lower directory.
  const lowers = layers.length > 0 ? [...layers].reverse() : [await emptyLower(directory)];
  const base = commonParent(lowers);
  const options = `lowerdir=${lowers.map((lower) => relative(base, lower)).join(':')},upperdir=${paths.diff},workdir=${paths.work}`;
  if (options.length > mountOptionsLimit) {
    throw new BerthError({
      code: 'ROOTFS_TOO_MANY_LAYERS',
      kind: 'unavailable',
      message: `cannot mount the root filesystem in ${directory}: its image has ${layers.length} layers, more than one overlay mount can name (${options.length} bytes of options, the kernel takes ${mountOptionsLimit})`,
      hint: 'flatten the image (for example with `docker export` and `import`) or rebuild it with fewer layers',
    });
  }
  const exit = await runTool('mount', ['-t', 'overlay', 'overlay', '-o', options, paths.merged], { cwd: base });
  if (exit.code !== 0) {
    throw new BerthError({
      code: 'ROOTFS_MOUNT_FAILED',
      kind: 'unavailable',
      message: `cannot mount the root filesystem in ${directory}: ${describeExit('mount', exit)}${exit.stderr.trim() ? `: ${lastLines(exit.stderr)}` : ''}`,
      hint: missingPackage(exit, 'mount') ? 'install the Debian package mount' : 'berth needs root and a kernel with overlayfs (`modprobe overlay`); the engine log has the details',
    });
  }
  return paths.merged;
}

/**
 * Unmounts the container's root if it is mounted; its writable layer stays until removeRootfs.
 * The unmount is a detach (MNT_DETACH, as Docker's overlay2 driver does it): a mount namespace
 * another container's runc or a network namespace's `unshare` is making at that moment holds a
 * copy of the mount for a few milliseconds, and a plain unmount would fail with EBUSY then.
 */
export async function unmountRootfs(directory: string): Promise<void> {
  const { merged } = rootfsPaths(directory);
  if (!(await isMountPoint(merged))) return;
  const exit = await runTool('umount', ['--lazy', merged]);
  if (exit.code !== 0 && (await isMountPoint(merged))) {
    throw new BerthError({
      code: 'ROOTFS_UNMOUNT_FAILED',
      kind: 'conflict',
      message: `cannot unmount the root filesystem ${merged}: ${describeExit('umount', exit)}${exit.stderr.trim() ? `: ${lastLines(exit.stderr)}` : ''}`,
      hint: 'a process still uses it; stop the container (or whatever holds it, `fuser -m` tells) and try again',
    });
  }
}

/** Unmounts and deletes the container's root and writable layer. */
export async function removeRootfs(directory: string): Promise<void> {
  await unmountRootfs(directory);
  const paths = rootfsPaths(directory);
  for (const path of [paths.merged, paths.work, paths.diff, join(directory, 'empty-lower')]) await rm(path, { recursive: true, force: true });
}

/** Whether `path` is a mount point of this mount namespace, from /proc/self/mountinfo. */
export async function isMountPoint(path: string): Promise<boolean> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  return mountinfo.split('\n').some((line) => unescapeMountPath(line.split(' ')[4] ?? '') === path);
}

/** mountinfo writes space, tab, newline and backslash in paths as backslash and three octal digits. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_escape, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

function commonParent(paths: readonly string[]): string {
  const split = paths.map((path) => path.split(sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length - 1 && split.every((parts) => parts.length > length + 1 && parts[length] === first[length])) length += 1;
  return first.slice(0, length).join(sep) || sep;
}

async function emptyLower(directory: string): Promise<string> {
  const path = join(directory, 'empty-lower');
  await mkdir(path, { recursive: true });
  return path;
}
