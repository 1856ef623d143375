import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanPath } from './clean-path.js';
import { sourceNotFound, sourcePatternInvalid } from './context-errors.js';
import { globRegExp, GlobSyntaxError, hasWildcards } from './go-glob.js';
import { IgnoreRules } from './ignore-rules.js';
import { resolveInScope } from './scoped-path.js';

/** One thing a COPY or ADD source names in the build context. */
export interface ResolvedSource {
  /** Its path in the context as the source names it, links not followed ('.' for the context itself); its base name names the copy. */
  path: string;
  /** Where its content is on the host: every link on the way, the last one too, followed inside the context. */
  hostPath: string;
  /** The content's path in the context, links followed ('.' for the context itself). */
  resolved: string;
  /** The content's (a link's target's). */
  stats: Stats;
}

/** A directory reached while expanding a wildcard: the path as matched, and where it is. */
interface Reached {
  path: string;
  resolved: string;
}

/**
 * Expands COPY/ADD sources against the build context as Docker does. A source is a path of the
 * context whatever it says: a leading `/` and `..` stay inside it (`../x` is the context's `x`,
 * as path.Join("/", src) makes it), and links are followed inside it. A source with a wildcard
 * (`*`, `?`, `[`) is matched component by component with Go's filepath.Match, through real
 * directories only (as BuildKit's walk does), in name order; each match is then followed like a
 * plain source. What `ignore` leaves out is not there. A source that matches nothing fails with
 * BuildKit's `"/path": not found`; the caller adds the Dockerfile line.
 */
export async function resolveSources(contextDirectory: string, sources: readonly string[], ignore: IgnoreRules = IgnoreRules.none): Promise<ResolvedSource[]> {
  const root = await realpath(contextDirectory);
  const resolved: ResolvedSource[] = [];
  for (const source of sources) {
    const named = cleanPath(`/${source}`);
    const path = named === '/' ? '.' : named.slice(1);
    const found = hasWildcards(path) ? await expand(root, path, ignore) : await followed(root, path, ignore).then((one) => (one ? [one] : []));
    if (found.length === 0) throw sourceNotFound(named);
    resolved.push(...found);
  }
  return resolved;
}

/** A path of the context followed to its content, or undefined when it is not there (missing, a dangling link, or left out). */
async function followed(root: string, path: string, ignore: IgnoreRules): Promise<ResolvedSource | undefined> {
  const scoped = await resolveInScope(root, path);
  const stats = await stat(scoped.hostPath).catch(() => undefined);
  const resolved = scoped.relative === '' ? '.' : scoped.relative;
  if (!stats || !present(ignore, path, stats) || !present(ignore, resolved, stats)) return undefined;
  return { path, hostPath: scoped.hostPath, resolved, stats };
}

async function expand(root: string, path: string, ignore: IgnoreRules): Promise<ResolvedSource[]> {
  const parts = path.split('/');
  const firstWildcard = parts.findIndex(hasWildcards);
  const prefix = parts.slice(0, firstWildcard).join('/');
  const base = await resolveInScope(root, prefix);
  let reached: Reached[] = [{ path: prefix, resolved: base.relative }];
  for (const [index, part] of parts.slice(firstWildcard).entries()) {
    const matcher = componentMatcher(part, path);
    const last = firstWildcard + index === parts.length - 1;
    const next: Reached[] = [];
    for (const directory of reached) {
      const names = await readdir(join(root, directory.resolved)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (!matcher(name)) continue;
        const child = { path: childPath(directory.path, name), resolved: childPath(directory.resolved, name) };
        const stats = await lstat(join(root, child.resolved)).catch(() => undefined);
        if (!stats) continue;
        // The walk does not go through links; only the last component's match is followed.
        if (last || (stats.isDirectory() && present(ignore, child.resolved, stats))) next.push(child);
      }
    }
    reached = next;
  }
  const found: ResolvedSource[] = [];
  for (const match of reached) {
    const source = await followed(root, match.path, ignore);
    if (source) found.push(source);
  }
  return found;
}

function componentMatcher(part: string, source: string): (name: string) => boolean {
  try {
    const expression = globRegExp(part);
    return (name) => expression.test(name);
  } catch (error) {
    if (error instanceof GlobSyntaxError) throw sourcePatternInvalid(source);
    throw error;
  }
}

/** Whether the context as sent has `path`: not left out, or a left-out directory an exception may put something back into. */
function present(ignore: IgnoreRules, path: string, stats: Stats): boolean {
  return !ignore.excludes(path) || (stats.isDirectory() && ignore.mayReinclude(path));
}

function childPath(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}
