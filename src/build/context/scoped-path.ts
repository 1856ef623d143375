import { BerthError } from '../../errors/index.js';
import { resolveInScope as resolveUnder, type ScopedPath } from '../../files/scoped-path.js';

export type { ScopedPath };

/**
 * Resolves `path` inside the context directory `root` (its own links already followed) as
 * Docker's FollowSymlinkInScope does for COPY and for reading the Dockerfile: the context is the
 * root of the path, so `..` stops at it (`../x` is `x`) and a link to an absolute path is read
 * from it (a link to `/etc/passwd` is the context's `etc/passwd`). Every link on the way is
 * followed, the last one too unless `followFinal` is false.
 */
export async function resolveInScope(root: string, path: string, options: { followFinal?: boolean } = {}): Promise<ScopedPath> {
  return resolveUnder(root, path, { ...options, tooManyLinks });
}

function tooManyLinks(path: string): BerthError {
  return new BerthError({
    code: 'BUILD_CONTEXT_LINK_LOOP',
    kind: 'usage',
    message: `too many links in ${path}`,
    hint: 'a symbolic link in the build context leads back to itself; fix or remove the link',
  });
}
