import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** A path of the build context with its links followed inside it. */
export interface ScopedPath {
  /** Relative to the context, `/`-separated; '' for the context itself. */
  relative: string;
  /** The same on the host. */
  hostPath: string;
}

/** Links followed in one path at most, as Docker's FollowSymlinkInScope allows. */
const maxLinks = 255;

/**
 * Resolves `path` inside the context directory `root` (its own links already followed) as
 * Docker's FollowSymlinkInScope does for COPY and for reading the Dockerfile: the context is the
 * root of the path, so `..` stops at it (`../x` is `x`) and a link to an absolute path is read
 * from it (a link to `/etc/passwd` is the context's `etc/passwd`). Every link on the way is
 * followed, the last one too unless `followFinal` is false. Components that do not exist are
 * kept as they are; the result never leaves `root`.
 */
export async function resolveInScope(root: string, path: string, options: { followFinal?: boolean } = {}): Promise<ScopedPath> {
  const resolved: string[] = [];
  const pending = components(path);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const hostPath = join(root, ...resolved, part);
    const follow = pending.length > 0 || options.followFinal !== false;
    const stats = follow ? await lstat(hostPath).catch(() => undefined) : undefined;
    if (stats?.isSymbolicLink()) {
      links += 1;
      if (links > maxLinks) throw tooManyLinks(path);
      const target = await readlink(hostPath);
      if (target.startsWith('/')) resolved.length = 0;
      pending.unshift(...components(target));
      continue;
    }
    resolved.push(part);
  }
  return { relative: resolved.join('/'), hostPath: join(root, ...resolved) };
}

function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function tooManyLinks(path: string): BerthError {
  return new BerthError({
    code: 'BUILD_CONTEXT_LINK_LOOP',
    kind: 'usage',
    message: `too many links in ${path}`,
    hint: 'a symbolic link in the build context leads back to itself; fix or remove the link',
  });
}
