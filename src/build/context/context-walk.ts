import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { contextUnreadable } from './context-errors.js';
import type { IgnoreRules, ParentMatches } from './ignore-rules.js';

/** A file, directory or symbolic link of the context, named relative to it with `/`. */
export interface ContextEntry {
  path: string;
  stats: Stats;
}

export interface WalkOptions {
  rules: IgnoreRules;
  /** Paths sent whatever the rules say (the Dockerfile, the ignore file), as the docker CLI keeps them. */
  kept: ReadonlySet<string>;
  /** Paths not taken from the directory, because the tar carries other content under their names. */
  replaced: ReadonlySet<string>;
}

/** A directory on the way down, and whether it is in the list yet. */
interface Ancestor {
  entry: ContextEntry;
  listed: boolean;
}

/**
 * What of `root` goes into the build context, in the order Go's WalkDir visits it (names sorted),
 * the root itself left out. An excluded file is left out; an excluded directory is left out with
 * everything in it, unless an exception or a kept path may put back something inside it: then it
 * is walked, and listed just before the first thing inside it that is (as BuildKit sends the
 * parents of a file it puts back). Device nodes, FIFOs and sockets are never sent.
 */
export async function contextEntries(root: string, options: WalkOptions): Promise<ContextEntry[]> {
  const listed: ContextEntry[] = [];
  const list = (ancestors: readonly Ancestor[], entry: ContextEntry): void => {
    for (const ancestor of ancestors) {
      if (ancestor.listed) continue;
      listed.push(ancestor.entry);
      ancestor.listed = true;
    }
    listed.push(entry);
  };
  const keptUnder = (directory: string): boolean => [...options.kept].some((path) => path.startsWith(`${directory}/`));

  const visit = async (directory: string, parent: ParentMatches | undefined, ancestors: readonly Ancestor[]): Promise<void> => {
    const names = await readdir(join(root, directory)).catch((error: unknown) => {
      throw contextUnreadable(directory === '' ? '.' : directory, error);
    });
    for (const name of names.sort()) {
      const path = directory === '' ? name : `${directory}/${name}`;
      if (options.replaced.has(path)) continue;
      const stats = await lstat(join(root, path)).catch((error: NodeJS.ErrnoException) => {
        // Gone since the directory was read: nothing to send.
        if (error.code === 'ENOENT') return undefined;
        throw contextUnreadable(path, error);
      });
      if (!stats) continue;
      const { excluded, matches } = options.rules.match(path, parent);
      const sent = !excluded || options.kept.has(path);
      const entry = { path, stats };
      if (stats.isDirectory()) {
        if (sent) {
          list(ancestors, entry);
          await visit(path, matches, [...ancestors, { entry, listed: true }]);
        } else if (options.rules.mayReinclude(path) || keptUnder(path)) {
          await visit(path, matches, [...ancestors, { entry, listed: false }]);
        }
      } else if (sent && (stats.isFile() || stats.isSymbolicLink())) {
        list(ancestors, entry);
      }
    }
  };
  await visit('', undefined, []);
  return listed;
}
