import { join } from 'node:path';

/** The builder's directories under `<data-root>/builder`: all of them outlive a build and the daemon but scratch. */
export function builderPaths(root: string): { cache: string; cacheMounts: string; scratch: string } {
  return {
    /** The layer cache's entries (layer-cache.ts). */
    cache: join(root, 'cache'),
    /** RUN --mount=type=cache directories, one per cache id. */
    cacheMounts: join(root, 'cache-mounts'),
    /** Each build's temporary files (secrets, sources from other stages), removed when it ends. */
    scratch: join(root, 'scratch'),
  };
}
