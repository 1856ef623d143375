import { characterClass, globRegExp, literal } from './go-glob.js';

/**
 * One .dockerignore pattern compiled as moby's patternmatcher compiles it, so that its quirks
 * are Docker's too. A pattern with no special character is compared whole (`exact`); one whose
 * only special part is a final `**` is a prefix (`dir/**` is everything under dir/); one that
 * starts with `**` and has nothing else special is a suffix (`**\/foo` is foo anywhere, and
 * `**file` any path ending in "file"); the rest become a regular expression in which `**` is any
 * number of directories (`a/**\/b` is a/b, a/x/b, a/x/y/b), `*` and `?` stop at `/`, and a class
 * is read as Go's filepath.Match reads it.
 *
 * Where moby's translation and Go's filepath.Match disagree on an oddity (a `^` outside a class
 * is an anchor there, `\d` a digit class), berth takes filepath.Match's reading, the documented
 * one: the character stands for itself.
 */
export type PatternMatcher = (path: string) => boolean;

/** Compiles a pattern already cleaned (see ignore-rules.ts); throws GlobSyntaxError when Go would refuse it. */
export function compileIgnorePattern(pattern: string): PatternMatcher {
  // patternmatcher.New asks filepath.Match for the syntax check first.
  globRegExp(pattern);
  const chars = [...pattern];
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  let source = '';
  for (let index = 0, step = 0; index < chars.length; step += 1) {
    const char = chars[index]!;
    index += 1;
    if (char === '*' && chars[index] === '*') {
      index += 1;
      // `**/` is taken as `**`.
      if (chars[index] === '/') index += 1;
      if (index >= chars.length) {
        if (kind === 'exact') kind = 'prefix';
        else {
          source += '.*';
          kind = 'regexp';
        }
      } else {
        source += '(?:.*/)?';
        kind = 'regexp';
      }
      if (step === 0) kind = 'suffix';
    } else if (char === '*') {
      source += '[^/]*';
      kind = 'regexp';
    } else if (char === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (char === '\\') {
      const escaped = chars[index];
      index += 1;
      source += literal(escaped!);
      kind = 'regexp';
    } else if (char === '[') {
      const parsed = characterClass(pattern, chars, index);
      source += parsed.source;
      index = parsed.next;
      kind = 'regexp';
    } else {
      source += literal(char);
    }
  }
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      // `**/foo` is also foo at the top.
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'regexp': {
      const expression = new RegExp(`^${source}$`, 'u');
      return (path) => expression.test(path);
    }
  }
}
