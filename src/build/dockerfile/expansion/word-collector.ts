import { isSpace } from '../syntax/characters.js';

/**
 * Collects the words of an expansion: text from a variable splits at blanks, text from quotes or
 * escapes does not. As in BuildKit, an empty quoted string makes no word.
 */
export class WordCollector {
  private readonly words: string[] = [];
  private word = '';
  private inWord = false;

  /** Plain text and variable values: a blank ends the current word. */
  addSplittable(text: string): void {
    for (const character of text) {
      if (!isSpace(character)) this.addLiteral(character);
      else if (this.inWord && this.word !== '') {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    }
  }

  /** Quoted or escaped text: kept whole, blanks included. */
  addLiteral(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.word !== '') this.words.push(this.word);
    this.word = '';
    this.inWord = false;
    return this.words;
  }
}
