import type { DocumentPath } from '../compose-error.js';
import { invalidValue } from './normalize-error.js';

const SPACES = new Set([' ', '\t', '\r', '\n']);
const CONTROL = new Set([';', '&', '|', '<', '>']);

/**
 * Splits a command string into words as compose-go does (go-shellwords, without environment
 * or backtick expansion):
 *
 * - blanks separate words; single quotes keep everything literally; double quotes keep blanks;
 * - a backslash outside single quotes takes the next character literally;
 * - `""` and `''` make an empty word;
 * - an unquoted `;`, `&`, `|`, `<` or `>` ends the command: what follows is dropped, as Compose
 *   drops it (a redirection's file descriptor digits before `>` go too);
 * - `$(...)` and backticks are kept as text; a `(` not after `$` and a lone `)` are errors, like
 *   unterminated quotes.
 */
export function splitShellWords(text: string, path: DocumentPath): string[] {
  const words: string[] = [];
  let word = '';
  let hasWord = false;
  let escaped = false;
  let single = false;
  let double = false;
  let backQuote = false;
  let dollar = false;
  const quoted = (): boolean => single || double || backQuote || dollar;

  for (const char of text) {
    if (escaped) {
      escaped = false;
      word += backQuote || dollar ? `\\${char}` : char;
      hasWord = true;
      continue;
    }
    if (char === '\\') {
      if (single) word += char;
      else escaped = true;
      continue;
    }
    if (SPACES.has(char)) {
      if (quoted()) word += char;
      else if (hasWord) {
        words.push(word);
        word = '';
        hasWord = false;
      }
      continue;
    }
    if (char === '`' && !single && !double && !dollar) backQuote = !backQuote;
    else if (char === '(' && !single && !double && !backQuote) {
      if (dollar || !word.endsWith('$')) throw unbalanced(text, path);
      dollar = true;
    } else if (char === ')' && !single && !double && !backQuote) {
      if (!dollar) throw unbalanced(text, path);
      dollar = false;
    } else if (char === '"' && !single && !dollar && !backQuote) {
      if (double) hasWord = true;
      double = !double;
      continue;
    } else if (char === "'" && !double && !dollar && !backQuote) {
      if (single) hasWord = true;
      single = !single;
      continue;
    } else if (CONTROL.has(char) && !quoted()) {
      if (char === '>' && /^[0-9]+$/.test(word)) hasWord = false;
      break;
    }
    word += char;
    hasWord = true;
  }
  if (hasWord) words.push(word);
  if (escaped || quoted()) throw unbalanced(text, path);
  return words;
}

function unbalanced(text: string, path: DocumentPath) {
  return invalidValue(
    path,
    `invalid command line string ${JSON.stringify(text)}`,
    'a command with balanced quotes and parentheses',
    'close the quote or parenthesis, or write the command as a list: ["sh", "-c", "..."]',
  );
}
