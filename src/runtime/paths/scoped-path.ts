import { constants } from 'node:fs';
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';
import { resolveInScope } from '../../files/scoped-path.js';

/**
 * Resolves `path` inside the directory `root` the way the container will see it (see
 * resolveInScope): symlinks followed as if `root` were `/`, `..` stopping at it. Returns a host
 * path under `root`; nothing may change the root filesystem meanwhile (the container is stopped,
 * or see readFileInRoot).
 */
export async function resolveInRoot(root: string, path: string): Promise<string> {
  const { hostPath } = await resolveInScope(root, path, {
    tooManyLinks: () =>
      new BerthError({
        code: 'CONTAINER_PATH_LOOP',
        kind: 'internal',
        message: `${path} in the container's root filesystem has too many levels of symbolic links`,
        hint: 'the image links this path to itself in a loop; fix or rebuild the image',
      }),
  });
  return hostPath;
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

function notRegular(path: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_FILE_NOT_REGULAR',
    kind: 'internal',
    message: `${path} in the container's root filesystem is not a regular file`,
    hint: 'the image has something other than a file at this path; fix or rebuild the image',
  });
}
