import { constants } from 'node:fs';
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS is 40; Docker allows 255). */
const maxSymlinks = 255;

/**
 * Resolves `path` inside the directory `root` the way the container will see it: every symlink,
 * absolute or relative, is followed as if `root` were `/`, and `..` stops at `root`. So a hostile
 * image whose `/etc/passwd` links to `/etc/shadow` or `../../../../etc/shadow` resolves to the
 * image's own `/etc/shadow`, never the host's. Components that do not exist are kept as written
 * (nothing to follow). Returns a host path under `root`; nothing may change the root filesystem
 * meanwhile (the container is stopped, or see readFileInRoot).
 */
export async function resolveInRoot(root: string, path: string): Promise<string> {
  const pending = components(path);
  const resolved: string[] = [];
  let followed = 0;
  while (pending.length > 0) {
    const component = pending.shift() as string;
    if (component === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, component);
    const stats = await lstat(candidate).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    // Something missing is no symlink: keep it as written, and a later `..` still pops it.
    if (stats === null || !stats.isSymbolicLink()) {
      resolved.push(component);
      continue;
    }
    followed += 1;
    if (followed > maxSymlinks) {
      throw new BerthError({
        code: 'CONTAINER_PATH_LOOP',
        kind: 'internal',
        message: `${path} in the container's root filesystem has too many levels of symbolic links`,
        hint: 'the image links this path to itself in a loop; fix or rebuild the image',
      });
    }
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...components(target));
  }
  return join(root, ...resolved);
}

/** A file bigger than this is not a passwd or group file any image needs; refuse it rather than read it all. */
const maxSmallFileBytes = 16 * 1024 * 1024;

/**
 * Reads the small regular file at `path` inside `root` (resolved with resolveInRoot), or returns
 * null when there is none. Whatever the image put there, berth reads only a regular file under
 * `root`: the open refuses a final symlink (O_NOFOLLOW) and does not wait on a FIFO (O_NONBLOCK),
 * and the opened file must be the regular file resolved, still under `root` (a running container
 * could swap a directory for a symlink between resolving and opening).
 */
export async function readFileInRoot(root: string, path: string): Promise<string | null> {
  const canonicalRoot = await realpath(root);
  const hostPath = await resolveInRoot(canonicalRoot, path);
  const stats = await lstat(hostPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (stats === null) return null;
  if (!stats.isFile()) throw notRegular(path);
  const handle = await open(hostPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) throw notRegular(path);
    const openedPath = await readlink(`/proc/self/fd/${handle.fd}`);
    if (!openedPath.startsWith(`${canonicalRoot}/`)) {
      throw new BerthError({
        code: 'CONTAINER_PATH_ESCAPED',
        kind: 'conflict',
        message: `${path} led out of the container's root filesystem while berth was reading it (to ${openedPath})`,
        hint: 'something in the container changed the path as it was read; try again, and check what the container runs',
      });
    }
    if (opened.size > maxSmallFileBytes) {
      throw new BerthError({
        code: 'CONTAINER_FILE_TOO_LARGE',
        kind: 'internal',
        message: `${path} in the container's root filesystem is ${opened.size} bytes, more than berth reads (${maxSmallFileBytes})`,
        hint: 'the image carries an oversized file here; fix or rebuild the image',
      });
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function components(path: string): string[] {
  return path.split('/').filter((component) => component !== '' && component !== '.');
}

function notRegular(path: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_FILE_NOT_REGULAR',
    kind: 'internal',
    message: `${path} in the container's root filesystem is not a regular file`,
    hint: 'the image has something other than a file at this path; fix or rebuild the image',
  });
}
