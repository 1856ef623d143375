/**
 * The two pieces of the Dockerfile grammar that ENV and WORKDIR need (moby/buildkit's
 * `parseWords` and its shell lexer `ProcessWord`): splitting an instruction's text into words
 * the way the parser does, quotes kept; and evaluating one word against the environment: quotes
 * removed, backslash escapes applied, `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}` and `${NAME+word}` expanded. Problems are thrown as plain Errors with the
 * reason; the caller names the instruction.
 */

const escape = '\\';

/** Words separated by whitespace outside quotes; quotes and escapes stay for expandWord(). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  let blankOk = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote === undefined && /\s/.test(char)) {
      if (inWord && (blankOk || word !== '')) words.push(word);
      word = '';
      inWord = false;
      blankOk = false;
      continue;
    }
    inWord = true;
    if (quote === undefined && (char === "'" || char === '"')) {
      quote = char;
      blankOk = true;
    } else if (char === quote) {
      quote = undefined;
    }
    if (char === escape && quote !== "'") {
      // An escape takes the next character with it, even a quote; at the end it is dropped.
      if (index + 1 === text.length) continue;
      word += char + text[++index];
      continue;
    }
    word += char;
  }
  if (inWord && (blankOk || word !== '')) words.push(word);
  return words;
}

/** Evaluates one word: quotes removed, escapes applied, variables from `env` expanded. */
export function expandWord(word: string, env: ReadonlyMap<string, string>): string {
  return new Lexer(word, env).until(undefined);
}

class Lexer {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly env: ReadonlyMap<string, string>,
  ) {}

  /** Reads up to `stop` (not consumed past) or the end. */
  until(stop: string | undefined): string {
    let result = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position]!;
      if (char === stop) return result;
      this.position++;
      if (char === "'") result += this.singleQuoted();
      else if (char === '"') result += this.doubleQuoted();
      else if (char === '$') result += this.dollar();
      else if (char === escape) result += this.position < this.text.length ? this.text[this.position++] : '';
      else result += char;
    }
    if (stop !== undefined) throw new Error(`missing "${stop}"`);
    return result;
  }

  private singleQuoted(): string {
    const end = this.text.indexOf("'", this.position);
    if (end === -1) throw new Error('unexpected end of text while looking for the matching single quote');
    const value = this.text.slice(this.position, end);
    this.position = end + 1;
    return value;
  }

  private doubleQuoted(): string {
    let result = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position++]!;
      if (char === '"') return result;
      if (char === '$') {
        result += this.dollar();
      } else if (char === escape && this.position < this.text.length && ['"', '$', escape].includes(this.text[this.position]!)) {
        result += this.text[this.position++];
      } else {
        result += char;
      }
    }
    throw new Error('unexpected end of text while looking for the matching double quote');
  }

  private dollar(): string {
    if (this.text[this.position] !== '{') {
      const name = this.name();
      return name === '' ? '$' : (this.env.get(name) ?? '');
    }
    this.position++;
    const name = this.name();
    if (name === '') throw new Error('a "${" is not followed by a variable name');
    const value = this.env.get(name);
    if (this.text[this.position] === '}') {
      this.position++;
      return value ?? '';
    }
    const colon = this.text[this.position] === ':';
    if (colon) this.position++;
    const modifier = this.text[this.position++];
    if (modifier !== '-' && modifier !== '+') throw new Error(`the modifier "${colon ? ':' : ''}${modifier ?? ''}" in \${${name}...} is not supported; use :-, -, :+ or +`);
    const word = this.until('}');
    this.position++;
    const set = colon ? value !== undefined && value !== '' : value !== undefined;
    return modifier === '-' ? (set ? value! : word) : set ? word : '';
  }

  private name(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    const name = match?.[0] ?? '';
    this.position += name.length;
    return name;
  }
}
