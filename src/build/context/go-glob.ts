/**
 * Go's filepath.Match patterns as Linux has them, the syntax of COPY sources and of .dockerignore
 * lines: `*` is any run of characters but `/`, `?` one character but `/`, `[...]` a class (`^`
 * negates it, `a-z` is a range, `\` escapes inside it), `\x` is the character x, and everything
 * else stands for itself. Characters are Unicode code points, as Go's runes are. A class may
 * match `/`, as Go's does. A malformed pattern (an open class, `[]`, `[-a]`, a trailing `\`) is
 * refused as Go refuses it with ErrBadPattern.
 */

/** A pattern Go's filepath.Match refuses (ErrBadPattern); callers say where it came from. */
export class GlobSyntaxError extends Error {
  constructor(readonly pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}`);
    this.name = 'GlobSyntaxError';
  }
}

/** The regular expression for a whole Go pattern, anchored at both ends. */
export function globRegExp(pattern: string): RegExp {
  const chars = [...pattern];
  let source = '';
  for (let index = 0; index < chars.length; ) {
    const char = chars[index]!;
    if (char === '*') {
      source += '[^/]*';
      index += 1;
    } else if (char === '?') {
      source += '[^/]';
      index += 1;
    } else if (char === '[') {
      const parsed = characterClass(pattern, chars, index + 1);
      source += parsed.source;
      index = parsed.next;
    } else if (char === '\\') {
      const escaped = chars[index + 1];
      if (escaped === undefined) throw new GlobSyntaxError(pattern);
      source += literal(escaped);
      index += 2;
    } else {
      source += literal(char);
      index += 1;
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Whether the path has a wildcard Docker would expand (`*`, `?` or `[` not escaped by `\`). */
export function hasWildcards(path: string): boolean {
  for (let index = 0; index < path.length; index += 1) {
    const char = path[index];
    if (char === '\\') index += 1;
    else if (char === '*' || char === '?' || char === '[') return true;
  }
  return false;
}

/**
 * The class that starts after a `[` at `start`, as Go's matchChunk and getEsc read it: an
 * optional `^`, then one or more characters or ranges up to `]` (a `]` first is no end, and is
 * refused like a bare `-`). A range written backwards matches nothing, as in Go.
 */
export function characterClass(pattern: string, chars: readonly string[], start: number): { source: string; next: number } {
  let index = start;
  const negated = chars[index] === '^';
  if (negated) index += 1;
  const ranges: string[] = [];
  let count = 0;
  for (;;) {
    if (chars[index] === ']' && count > 0) return { source: `[${negated ? '^' : ''}${ranges.join('')}]`, next: index + 1 };
    const low = classCharacter(pattern, chars, index);
    let high = low;
    if (chars[low.next] === '-') high = classCharacter(pattern, chars, low.next + 1);
    index = high.next;
    count += 1;
    const from = low.char.codePointAt(0)!;
    const to = high.char.codePointAt(0)!;
    if (from === to) ranges.push(classLiteral(low.char));
    else if (from < to) ranges.push(`${classLiteral(low.char)}-${classLiteral(high.char)}`);
  }
}

/** One character of a class (Go's getEsc): never a bare `-` or `]`, and never the pattern's end. */
function classCharacter(pattern: string, chars: readonly string[], start: number): { char: string; next: number } {
  let index = start;
  let char = chars[index];
  if (char === undefined || char === '-' || char === ']') throw new GlobSyntaxError(pattern);
  if (char === '\\') {
    index += 1;
    char = chars[index];
    if (char === undefined) throw new GlobSyntaxError(pattern);
  }
  // The class must still be closed after this character.
  if (index + 1 >= chars.length) throw new GlobSyntaxError(pattern);
  return { char, next: index + 1 };
}

/** A character that stands for itself in a regular expression with the `u` flag. */
export function literal(char: string): string {
  return /[\^$\\.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char;
}

function classLiteral(char: string): string {
  return /[\\\]\[^-]/u.test(char) ? `\\${char}` : char;
}
