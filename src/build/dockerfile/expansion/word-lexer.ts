import type { EscapeCharacter } from '../instruction-types.js';
import { PatternError, replacePattern, trimPrefix, trimSuffix } from './shell-pattern.js';
import { WordCollector } from './word-collector.js';

export type VariableLookup = (name: string) => string | undefined;

export interface LexerOptions {
  escape: EscapeCharacter;
  /** False for heredoc bodies: quotes are text there, only variables and escapes are processed. */
  processQuotes: boolean;
  lookup: VariableLookup;
}

/** A mistake in the word itself, with the fix; the caller adds the word and the line. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/**
 * Dockerfile word expansion, after BuildKit's shell lexer: `$NAME`, `${NAME}` and its modifiers,
 * single quotes (literal), double quotes (variables expanded), and the escape character.
 */
export function lexWord(input: string, options: LexerOptions): { text: string; words: string[] } {
  return new WordLexer(input, options).read(undefined, false);
}

class WordLexer {
  private position = 0;

  constructor(
    private readonly input: string,
    private readonly options: LexerOptions,
  ) {}

  /** Reads up to `stop` (consumed) or the end. `rawEscapes` keeps escapes, for patterns. */
  read(stop: string | undefined, rawEscapes: boolean): { text: string; words: string[] } {
    const { escape, processQuotes } = this.options;
    const words = new WordCollector();
    let text = '';
    while (this.position < this.input.length) {
      let character = this.input[this.position] as string;
      if (character === stop) {
        this.position++;
        return { text, words: words.finish() };
      }
      if (character === '$') {
        const value = this.dollar();
        text += value;
        words.addSplittable(value);
      } else if (processQuotes && (character === "'" || character === '"')) {
        const value = character === "'" ? this.singleQuoted() : this.doubleQuoted(rawEscapes);
        text += value;
        words.addLiteral(value);
      } else {
        this.position++;
        if (character === escape) {
          if (rawEscapes) {
            text += character;
            words.addLiteral(character);
          }
          if (this.position >= this.input.length) break;
          character = this.input[this.position++] as string;
          words.addLiteral(character);
        } else {
          words.addSplittable(character);
        }
        text += character;
      }
    }
    if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`, `close it with ${stop}`);
    return { text, words: words.finish() };
  }

  private singleQuoted(): string {
    const close = this.input.indexOf("'", this.position + 1);
    if (close === -1) {
      this.position = this.input.length;
      throw new LexError('unexpected end of statement while looking for matching single-quote', "close the quote with '");
    }
    const value = this.input.slice(this.position + 1, close);
    this.position = close + 1;
    return value;
  }

  /** Inside double quotes the escape character escapes only `"`, `$` and itself. */
  private doubleQuoted(rawEscapes: boolean): string {
    const { escape } = this.options;
    let value = '';
    this.position++;
    for (;;) {
      const character = this.input[this.position];
      if (character === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote', 'close the quote with "');
      if (character === '"') {
        this.position++;
        return value;
      }
      if (character === '$') {
        value += this.dollar();
        continue;
      }
      this.position++;
      if (character !== escape) {
        value += character;
        continue;
      }
      const next = this.input[this.position];
      if (next === '"' || next === '$' || next === escape) {
        value += rawEscapes ? character + next : next;
        this.position++;
      } else if (next !== undefined) {
        value += character;
      }
    }
  }

  private dollar(): string {
    this.position++;
    if (this.input[this.position] !== '{') {
      const name = this.name();
      return name === '' ? '$' : (this.options.lookup(name) ?? '');
    }
    this.position++;
    const first = this.input[this.position];
    if (first === undefined) throw missingBrace();
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution', 'write ${NAME} with a variable name');
    const name = this.name();
    const next = this.input[this.position++];
    if (next === undefined) throw missingBrace();
    if (next === '}') return this.options.lookup(name) ?? '';
    if (next === '/') return this.replacement(name);
    if (next !== ':' && !'+-?#%'.includes(next)) throw unsupportedModifier(next);
    // `:-`, `:+` and `:?` treat an empty value as unset.
    const nullIsUnset = next === ':';
    const modifier = nullIsUnset ? this.input[this.position++] : next;
    const written = nullIsUnset ? `:${modifier ?? ''}` : next;
    const word = this.readOrMissing('}', modifier === '#' || modifier === '%', missingBrace());
    return this.modified(name, modifier, written, word, nullIsUnset);
  }

  private modified(name: string, modifier: string | undefined, written: string, word: string, nullIsUnset: boolean): string {
    const value = this.options.lookup(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (modifier) {
      case '-':
        return unset ? word : (value as string);
      case '+':
        return unset ? '' : word;
      case '?':
        if (value === undefined) throw requiredError(name, word || 'is not allowed to be unset');
        if (unset) throw requiredError(name, word || 'is not allowed to be empty');
        return value;
      case '#':
      case '%': {
        const greedy = word.startsWith(modifier);
        const pattern = greedy ? word.slice(1) : word;
        return withPattern(pattern, () => (modifier === '#' ? trimPrefix : trimSuffix)(pattern, value ?? '', greedy));
      }
      default:
        throw unsupportedModifier(written);
    }
  }

  private replacement(name: string): string {
    const every = this.input[this.position] === '/';
    if (every) this.position++;
    const pattern = this.readOrMissing('/', true, new LexError("syntax error: missing '/' in ${}", 'write ${NAME/pattern/replacement}'));
    const replacement = this.readOrMissing('}', true, missingBrace());
    return withPattern(pattern, () => replacePattern(this.options.lookup(name) ?? '', pattern, replacement, every));
  }

  /** Reads a modifier's word; running off the end is reported as the missing delimiter. */
  private readOrMissing(stop: string, rawEscapes: boolean, missing: LexError): string {
    try {
      return this.read(stop, rawEscapes).text;
    } catch (error) {
      if (this.position >= this.input.length) throw missing;
      throw error;
    }
  }

  /** A name: letters, digits and `_`; or all the digits of a positional parameter; or one special parameter. */
  private name(): string {
    const rest = this.input.slice(this.position);
    const match = /^\p{Nd}+/u.exec(rest) ?? (SPECIAL_PARAMETERS.has(rest[0] ?? '') ? [rest[0] as string] : /^[\p{L}\p{Nd}_]*/u.exec(rest));
    const name = match?.[0] ?? '';
    this.position += name.length;
    return name;
  }
}

function withPattern(pattern: string, apply: () => string): string {
  try {
    return apply();
  } catch (error) {
    if (error instanceof PatternError) throw new LexError(`invalid pattern (${pattern}) in substitution: ${error.message}`, 'escape only *, ? and \\ in a pattern');
    throw error;
  }
}

function missingBrace(): LexError {
  return new LexError("syntax error: missing '}'", 'close the ${ with }');
}

function unsupportedModifier(written: string): LexError {
  return new LexError(`unsupported modifier (${written}) in substitution`, 'use one of :- - :+ + :? ? # ## % %% / //');
}

function requiredError(name: string, message: string): LexError {
  return new LexError(`${name}: ${message}`, `set ${name} with ARG or ENV, or pass --build-arg ${name}=<value>`);
}
