/**
 * Go's `unicode.IsSpace`, which BuildKit uses to split words and trim lines. JavaScript's `\s`
 * differs at the edges (it has U+FEFF, lacks U+0085), so the set is spelled out.
 */
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

export function isSpace(character: string | undefined): boolean {
  return character !== undefined && SPACE.test(character);
}

export function trimLeadingSpace(text: string): string {
  let start = 0;
  while (start < text.length && isSpace(text[start])) start++;
  return text.slice(start);
}

export function trimSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return trimLeadingSpace(text.slice(0, end));
}

/** BuildKit splits some arguments (FROM, EXPOSE, shell-form COPY and VOLUME) at runs of these. */
export const ASCII_BLANKS = /[\t\v\f\r ]+/;

export function splitAtBlanks(text: string): string[] {
  return text === '' ? [] : text.split(ASCII_BLANKS);
}
