/**
 * Escape sequences of double-quoted .env values, after the quote scanner has already turned `\"`
 * into `"`. The set is compose-go's: `\a \b \f \n \r \t \v \" \\`, octal `\0NNN`, and `\$`, which
 * becomes `$$` so that interpolation leaves a literal `$`. Any other backslash stays as written.
 */
const escapeSequence = /\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})/g;

const simpleEscapes: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
  $: '$$',
};

export function expandEscapes(text: string): string {
  return text.replace(escapeSequence, (sequence) => {
    const letter = sequence[1]!;
    if (letter !== '0') return simpleEscapes[letter] ?? sequence;
    // `\0NNN` is the octal byte NNN; compose-go keeps `\NNN` (dropping the 0) when it is not one.
    const digits = sequence.slice(2);
    const code = /^[0-7]{3}$/.test(digits) ? parseInt(digits, 8) : Number.NaN;
    return code <= 0xff ? String.fromCodePoint(code) : `\\${digits}`;
  });
}
