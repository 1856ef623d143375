/** A `/` filter as typed, and the expression it compiles to. */
export interface LogPattern {
  source: string;
  regex: RegExp;
}

/**
 * Compiles what the user typed after `/`. Smart case, as in less and vim: all lower case matches
 * either case, a capital letter makes it exact. A bad expression is returned as the parser's words
 * so the prompt can show them instead of dropping the filter.
 */
export function compilePattern(source: string): LogPattern | { error: string } {
  try {
    const flags = source === source.toLowerCase() ? 'gi' : 'g';
    return { source, regex: new RegExp(source, flags) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function matches(pattern: LogPattern, text: string): boolean {
  pattern.regex.lastIndex = 0;
  return pattern.regex.test(text);
}

/** The [start, end) ranges the pattern matches in text; empty matches are skipped. */
export function matchRanges(pattern: LogPattern, text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  pattern.regex.lastIndex = 0;
  for (const match of text.matchAll(pattern.regex)) {
    if (match[0].length > 0) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
