/**
 * How Go's yaml.v3 writes a string: plain when it reads back as the same string, double-quoted
 * when a plain scalar would read back as another type (`"8080"`, `"true"`, `""`, `"yes"`), as a
 * literal block when it spans lines, and single-quoted when the emitter finds characters a plain
 * scalar cannot start with or hold (`'*'`, `'- x'`, `'a: b'`). These rules follow libyaml's
 * scalar analysis, which yaml.v3 ports.
 */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

export function scalarStyle(value: string, isKey: boolean): ScalarStyle {
  let requested: ScalarStyle;
  if (value.includes('\n')) requested = 'literal';
  else if (readsBackAsString(value)) requested = 'plain';
  else requested = 'double';

  const analysis = analyzeScalar(value);
  let style: ScalarStyle = requested;
  if (isKey && analysis.multiline) style = 'double';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed || (value.length === 0 && isKey)) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || isKey)) style = 'double';
  return style;
}

/** yaml.v3's resolve(): would this text, written plain, read back as a string? */
function readsBackAsString(value: string): boolean {
  if (value === '' || value === '<<') return false;
  if (/^(~|null|Null|NULL)$/.test(value)) return false;
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(value)) return false;
  // YAML 1.1 booleans that yaml.v3 still quotes for older readers.
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(value)) return false;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(value) || /^(\.nan|\.NaN|\.NAN)$/.test(value)) return false;
  if (isGoInteger(value)) return false;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(value)) return false;
  // Sexagesimal numbers of YAML 1.1 (`1:30`).
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(value)) return false;
  if (isTimestamp(value)) return false;
  return true;
}

/** strconv.ParseInt(s, 0, 64) or ParseUint: decimal, 0x, 0o, 0b, legacy octal, `_` between digits. */
function isGoInteger(value: string): boolean {
  const body = value.replace(/^[-+]/, '');
  const withUnderscores = /^(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/;
  // Out-of-range numbers still read back as floats, so the range does not matter here.
  return withUnderscores.test(body);
}

/** The timestamp forms yaml.v3 accepts for an unquoted scalar (`2024-01-31`, `2024-01-31T10:00:00Z`). */
function isTimestamp(value: string): boolean {
  const date = '\\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])';
  return new RegExp(`^${date}$`).test(value) ||
    new RegExp(`^${date}([Tt]| )\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2})?$`).test(value);
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const firstIndicators = new Set(['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** libyaml's yaml_emitter_analyze_scalar, for block context (berth never writes flow collections). */
function analyzeScalar(value: string): ScalarAnalysis {
  const chars = Array.from(value);
  if (chars.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;

  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next);
    const first = i === 0;
    const last = i === chars.length - 1;
    if (first) {
      if (firstIndicators.has(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c);
  }

  const analysis: ScalarAnalysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) analysis.blockPlainAllowed = false;
  if (trailingSpace) analysis.blockAllowed = false;
  if (breakSpace) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
    analysis.blockAllowed = false;
  }
  if (lineBreaks) analysis.blockPlainAllowed = false;
  if (blockIndicators) analysis.blockPlainAllowed = false;
  return analysis;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || isBreak(c) || c === '\0';
}

export function isBreak(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

/** libyaml's is_printable: what it writes as is; anything else forces double quotes and an escape. */
export function isPrintable(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xd7ff) return true;
  if (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) return true;
  return false;
}
