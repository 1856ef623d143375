import type { EscapeCharacter } from '../instruction-types.js';
import { isSpace } from './characters.js';

/**
 * Splits ENV, LABEL and ARG arguments into words at unquoted blanks, keeping the quotes and
 * escapes in each word for expansion to remove later (BuildKit's `parseWords`). A quoted empty
 * string is a word; an escape character at the very end is dropped.
 */
export function splitQuotedWords(text: string, escape: EscapeCharacter): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  let quote: string | undefined;
  const endWord = (): void => {
    if (word !== '' || quoted) words.push(word);
    word = '';
    quoted = false;
  };
  for (let position = 0; position < text.length; position++) {
    const character = text[position] as string;
    if (quote === undefined && isSpace(character)) {
      endWord();
      continue;
    }
    if (character === escape && quote !== "'") {
      if (position + 1 === text.length) continue;
      word += character + (text[position + 1] as string);
      position++;
      continue;
    }
    if (quote === undefined && (character === '"' || character === "'")) {
      quote = character;
      quoted = true;
    } else if (character === quote) {
      quote = undefined;
    }
    word += character;
  }
  endWord();
  return words;
}
