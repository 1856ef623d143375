/**
 * The shell patterns of `${var#pattern}`, `${var%pattern}` and `${var/pattern/replacement}`, as
 * BuildKit supports them: `*` is any string, `?` any character, a backslash escapes `*`, `?` or
 * itself (and `}` or `/`, which only need it inside `${}`); no bracket expressions.
 */
export class PatternError extends Error {}

/** The pattern as a regular expression; Go's `.` does not match a newline, nor does this one. */
function patternToRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  let source = anchored ? '^' : '';
  const characters = [...pattern];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] as string;
    if (character === '*') source += greedy ? '.*' : '.*?';
    else if (character === '?') source += '.';
    else if (character === '\\') {
      const next = characters[index + 1];
      if (next === '}' || next === '/') continue;
      if (next !== '*' && next !== '?' && next !== '\\') throw new PatternError(`invalid escape '\\${next ?? ''}'`);
      source += `\\${next}`;
      index++;
    } else source += /[[\]{}.+()|^$]/.test(character) ? `\\${character}` : character;
  }
  return new RegExp(source);
}

/** `${var#pattern}` (shortest) and `${var##pattern}` (longest): the value without a matching prefix. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = patternToRegExp(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

/**
 * `${var%pattern}` and `${var%%pattern}`: the value without a matching suffix. Searched from the
 * left on the reversed value with the reversed pattern, since a regular expression cannot look
 * for the shortest match ending at the right.
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reversed(trimPrefix(reversedPattern(pattern), reversed(value), greedy));
}

/**
 * `${var/pattern/replacement}` and `${var//pattern/replacement}`: the first or every (longest)
 * match replaced, the replacement taken literally. Like Go, an empty match right after a match is
 * not replaced (JavaScript's `replace` would).
 */
export function replacePattern(value: string, pattern: string, replacement: string, every: boolean): string {
  const expression = new RegExp(patternToRegExp(pattern, true, false).source, 'g');
  let result = '';
  let copied = 0;
  let previousEnd = -1;
  for (let match = expression.exec(value); match; match = expression.exec(value)) {
    const end = match.index + match[0].length;
    if (match[0] === '') expression.lastIndex++;
    if (match[0] === '' && match.index === previousEnd) continue;
    result += value.slice(copied, match.index) + replacement;
    copied = end;
    previousEnd = end;
    if (!every) break;
  }
  return result + value.slice(copied);
}

function reversed(text: string): string {
  return [...text].reverse().join('');
}

/** Reverses a pattern keeping each escape before the character it escapes: `a\*c` gives `c\*a`. */
function reversedPattern(pattern: string): string {
  const tokens: string[] = [];
  const characters = [...pattern];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] as string;
    const next = characters[index + 1];
    if (character === '\\' && next !== undefined) {
      tokens.push(character + next);
      index++;
    } else tokens.push(character);
  }
  return tokens.reverse().join('');
}
