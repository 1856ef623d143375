import { BerthError } from '../../errors/index.js';
import { cleanPath } from './clean-path.js';
import { GlobSyntaxError } from './go-glob.js';
import { compileIgnorePattern, type PatternMatcher } from './ignore-pattern.js';

/** One pattern of an ignore file, cleaned as Docker cleans it. */
export interface IgnoreRule {
  /** The pattern without its `!`: `node_modules`, `**\/*.log`. */
  pattern: string;
  /** A `!` line: what it matches is put back into the context. */
  exception: boolean;
  /** Its line in the file, from 1. */
  line: number;
  matches: PatternMatcher;
}

/**
 * Which patterns matched a directory, handed to its children (moby's MatchInfo): a pattern that
 * matched a directory matches everything inside it.
 */
export type ParentMatches = readonly boolean[];

/** Characters that make an exception more than a plain path, once a final `/**` or `/*` is set aside (BuildKit's fsutil). */
const wildcardCharacters = /[*[\]?^\\]/u;

/**
 * The rules of a .dockerignore file, read and matched as Docker reads and matches them (moby's
 * ignorefile.ReadAll and patternmatcher): lines starting with `#` are comments, blank lines are
 * skipped, `!` marks an exception, patterns are cleaned like Go's filepath.Clean with a leading
 * `/` dropped, and the last pattern that matches a path (or one of its parent directories)
 * decides whether it is left out.
 */
export class IgnoreRules {
  readonly hasExceptions: boolean;
  /** Whether every exception is a plain path (after a final `/**` or `/*`), so an excluded directory can be skipped unless one lies under it. */
  private readonly onlyPlainExceptions: boolean;

  private constructor(readonly rules: readonly IgnoreRule[]) {
    const exceptions = rules.filter((rule) => rule.exception);
    this.hasExceptions = exceptions.length > 0;
    this.onlyPlainExceptions = exceptions.every((rule) => !wildcardCharacters.test(rule.pattern.replace(/\/\*\*$/u, '').replace(/\/\*$/u, '')));
  }

  /** No rules: nothing is left out. */
  static readonly none = new IgnoreRules([]);

  /** Reads an ignore file's text; `file` names it in errors (`.dockerignore`, `app/Dockerfile.dockerignore`). */
  static parse(text: string, file: string): IgnoreRules {
    const rules: IgnoreRule[] = [];
    text
      .replace(/^\uFEFF/u, '')
      .split('\n')
      .forEach((raw, index) => {
        const rule = parseLine(raw.replace(/\r$/u, ''), index + 1, file);
        if (rule) rules.push(rule);
      });
    return new IgnoreRules(rules);
  }

  /**
   * Whether `path` (relative to the context, slash-separated) is left out, given which patterns
   * matched its parent directory (from the `matches` of the parent's own call). Without them,
   * each parent directory is tried against each pattern instead. This is moby's
   * MatchesUsingParentResults, with its shortcut: a pattern that cannot change the answer so far
   * is not tried, and counts as not matching for the children.
   */
  match(path: string, parent?: ParentMatches): { excluded: boolean; matches: ParentMatches } {
    let excluded = false;
    const matches = this.rules.map((rule, index) => {
      let matched = parent?.[index] ?? false;
      if (!matched) {
        if (rule.exception !== excluded) return false;
        matched = rule.matches(path) || (parent === undefined && parentDirectories(path).some((directory) => rule.matches(directory)));
      }
      if (matched) excluded = !rule.exception;
      return matched;
    });
    return { excluded, matches };
  }

  /** Whether `path` is left out (its parent directories tried against each pattern). The context's root never is. */
  excludes(path: string): boolean {
    const cleaned = cleanPath(path);
    return cleaned !== '.' && this.match(cleaned).excluded;
  }

  /**
   * Whether an excluded directory must still be walked because an exception might put back
   * something inside it, by BuildKit's rule: always when an exception has a wildcard other than a
   * final `/**` or `/*` (`!**\/*.go`), otherwise only when an exception names a path under the
   * directory (`!docs/README.md` for docs).
   */
  mayReinclude(directory: string): boolean {
    if (!this.hasExceptions) return false;
    if (!this.onlyPlainExceptions) return true;
    return this.rules.some((rule) => rule.exception && `${rule.pattern}/`.startsWith(`${directory}/`));
  }
}

/** One line as ignorefile.ReadAll then patternmatcher.New take it; undefined for comments and blanks. */
function parseLine(raw: string, line: number, file: string): IgnoreRule | undefined {
  if (raw.startsWith('#')) return undefined;
  let text = raw.trim();
  if (text === '') return undefined;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1).trim();
  if (text !== '') {
    text = cleanPath(text);
    if (text.length > 1 && text.startsWith('/')) text = text.slice(1);
  }
  // New cleans the line once more, `!` included: `! /` becomes a bare `!`.
  const cleaned = cleanPath(negated ? `!${text}` : text);
  const exception = cleaned.startsWith('!');
  const pattern = exception ? cleaned.slice(1) : cleaned;
  if (exception && pattern === '') {
    throw invalidPattern(file, line, 'illegal exclusion pattern: "!"', 'an exception needs a pattern after its "!", as in !README.md');
  }
  try {
    return { pattern, exception, line, matches: compileIgnorePattern(pattern) };
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    throw invalidPattern(file, line, `syntax error in pattern ${JSON.stringify(raw.trim())}`, 'close every "[" class with "]", put a character after each "\\", and write a literal [ as \\[');
  }
}

/** `a/b/c` has the parent directories a and a/b. */
function parentDirectories(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

function invalidPattern(file: string, line: number, problem: string, hint: string): BerthError {
  return new BerthError({ code: 'BUILD_IGNORE_PATTERN_INVALID', kind: 'usage', message: `${file}:${line}: ${problem}`, hint });
}
