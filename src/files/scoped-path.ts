import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathComponents } from './path-components.js';

/** A path resolved inside a root directory. */
export interface ScopedPath {
  /** Relative to the root, `/`-separated; '' for the root itself. */
  relative: string;
  /** The same on the host. */
  hostPath: string;
}

export interface ScopeOptions {
  /** Follow a symbolic link in the last component too (default true). */
  followFinal?: boolean;
  /** The error when a path holds more links than Docker follows (a loop), in the caller's words. */
  tooManyLinks(path: string): Error;
}

/** Links followed in one path at most, as Docker's FollowSymlinkInScope allows (Linux stops at 40). */
const maxLinks = 255;

/**
 * Resolves `path` inside the directory `root` as Docker's FollowSymlinkInScope does: `root` is
 * the path's `/`, so `..` stops at it and every symbolic link, absolute or relative, is read
 * from it. A hostile image linking `/etc/passwd` to `../../../../etc/shadow`, or a build context
 * linking to `/etc/passwd`, resolves inside `root`, never on the host. Components that do not
 * exist are kept as written (a later `..` still pops them); the result never leaves `root`.
 * Nothing may change the tree meanwhile.
 */
export async function resolveInScope(root: string, path: string, options: ScopeOptions): Promise<ScopedPath> {
  const pending = pathComponents(path);
  const resolved: string[] = [];
  let followed = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const hostPath = join(root, ...resolved, part);
    const follow = pending.length > 0 || options.followFinal !== false;
    const stats = follow
      ? await lstat(hostPath).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
          throw error;
        })
      : undefined;
    if (!stats?.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    followed += 1;
    if (followed > maxLinks) throw options.tooManyLinks(path);
    const target = await readlink(hostPath);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...pathComponents(target));
  }
  return { relative: resolved.join('/'), hostPath: join(root, ...resolved) };
}
