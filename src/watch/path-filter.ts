import { basename } from 'node:path';
import { IgnoreRules } from '../build/context/index.js';
import { relativeInside } from '../files/relative-inside.js';

/**
 * Which files of one watch rule count, by Compose's rules: a file under the rule's path, not in a
 * `.git` directory, not an editor's temporary or backup file, not left out by the build
 * context's `.dockerignore` (for a file inside the context) or by the rule's `ignore` patterns
 * (relative to the rule's path), and, when the rule has `include` patterns, matching one of them.
 */
export interface PathFilter {
  /** Whether a change of `path` (absolute) triggers the rule. */
  accepts(path: string): boolean;
  /** Whether nothing under the directory `path` can trigger the rule, so it need not be watched. */
  skipsDirectory(path: string): boolean;
}

export interface PathFilterOptions {
  /** The rule's path, absolute: a directory watched recursively, or one file. */
  root: string;
  /** The rule's `ignore` patterns, in .dockerignore syntax. */
  ignore: readonly string[];
  /** The rule's `include` patterns; none means every file. */
  include: readonly string[];
  /** The service's build context and its ignore file's rules, when the service builds. */
  context?: { directory: string; rules: IgnoreRules };
}

/**
 * Temporary and backup files of common editors, by base name: Vim's swap files and its `4913`
 * write test, Emacs's lock and autosave files, `~` backups, JetBrains' safe-write files, and
 * macOS's Finder files. A save by one of these editors touches them; syncing them would only
 * add noise.
 */
const editorFiles = [/^\..*\.sw[a-px]$/u, /^4913$/u, /~$/u, /^\.#/u, /^#.*#$/u, /___jb_(tmp|old|bak)___$/u, /^\.DS_Store$/u];

export function pathFilter(options: PathFilterOptions): PathFilter {
  const ignore = IgnoreRules.parse(options.ignore.join('\n'), 'the watch rule\'s ignore list');
  const include = options.include.length > 0 ? IgnoreRules.parse(options.include.join('\n'), 'the watch rule\'s include list') : undefined;
  // The rule's path itself is `.`, as .dockerignore patterns see it; the context itself is no file of it.
  const inside = (path: string): string | undefined => {
    const rel = relativeInside(options.root, path);
    return rel === '' ? '.' : rel;
  };
  const contextPath = (path: string): string | undefined => {
    const rel = options.context && relativeInside(options.context.directory, path);
    return rel === '' ? undefined : rel;
  };
  const leftOut = (path: string, rel: string): boolean => {
    if (rel.split('/').includes('.git')) return true;
    if (editorFiles.some((pattern) => pattern.test(basename(path)))) return true;
    if (rel !== '.' && ignore.excludes(rel)) return true;
    const inContext = contextPath(path);
    return inContext !== undefined && options.context!.rules.excludes(inContext);
  };
  return {
    accepts(path) {
      const rel = inside(path);
      if (rel === undefined || leftOut(path, rel)) return false;
      // A rule on one file has nothing to include from: the file is the rule.
      return include === undefined || rel === '.' || include.excludes(rel);
    },
    skipsDirectory(path) {
      const rel = inside(path);
      if (rel === undefined) return true;
      if (rel === '.') return false;
      if (rel.split('/').includes('.git')) return true;
      // An exception (`!keep/me`) may put back something inside an ignored directory.
      if (ignore.excludes(rel) && !ignore.mayReinclude(rel)) return true;
      const inContext = contextPath(path);
      return inContext !== undefined && options.context!.rules.excludes(inContext) && !options.context!.rules.mayReinclude(inContext);
    },
  };
}
