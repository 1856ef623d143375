import { ComposeError } from '../compose-error.js';
import { substituteTemplate, TemplateError } from '../interpolation/index.js';
import { expandEscapes } from './dotenv-escapes.js';
import type { DotenvOptions } from './dotenv-options.js';
import { parseRawEnv } from './parse-raw-env.js';
import { positionAt } from './text-position.js';

/**
 * Parses a .env file as Compose does (compose-go `dotenv`), keys in the order they first appear:
 *
 * - `KEY=VALUE`, `KEY: VALUE`, `export KEY=VALUE`; blank lines and lines starting with `#` skipped;
 *   spaces around the key and after the separator ignored.
 * - Names hold letters, digits, `_`, `.`, `-`, `[` and `]`.
 * - Unquoted values end at the line break, lose trailing blanks and anything from ` #` on.
 * - `'single'` quotes are literal; `"double"` quotes read escapes; both may span lines and take
 *   `\'`/`\"` for their own quote.
 * - Unquoted and double-quoted values interpolate `$NAME`/`${NAME...}`, reading `lookup` first
 *   and then the keys defined earlier in the file.
 * - A bare `KEY` takes its value from `lookup`, and is left out when `lookup` has none.
 * - A key defined twice keeps its last value.
 *
 * `raw: true` reads Compose's `format: raw` instead (see `parseRawEnv`).
 */
export function parseDotenv(text: string, options: DotenvOptions): Map<string, string> {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return options.raw ? parseRawEnv(content, options) : new DotenvParser(content, options).parse();
}

// Go's unicode.IsSpace (JavaScript's \s differs: it lacks U+0085 and has U+FEFF).
const blankOrLineBreak = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const trailingBlanks = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
// Blanks that do not end a line, as compose-go counts them.
const inlineBlank = /^[\t\v\f\r \u0085\u00a0]$/;
const keyCharacter = /^[\p{L}\p{N}_.\-[\]]$/u;
// `export ` must be followed by a blank (compose-go's `^export\s+`); `exportFOO=1` names exportFOO.
const exportSeparator = /^[\t\n\f\r ]$/;

class DotenvParser {
  private position = 0;
  private readonly values = new Map<string, string>();

  constructor(
    private readonly text: string,
    private readonly options: DotenvOptions,
  ) {}

  parse(): Map<string, string> {
    while (this.skipToStatement()) this.statement();
    return this.values;
  }

  /** Skips blanks, line breaks and comment lines; false at the end of the text. */
  private skipToStatement(): boolean {
    const { text } = this;
    for (;;) {
      while (this.position < text.length && blankOrLineBreak.test(text[this.position]!)) this.position++;
      if (this.position >= text.length) return false;
      if (text[this.position] !== '#') return true;
      const lineBreak = text.indexOf('\n', this.position);
      if (lineBreak === -1) return false;
      this.position = lineBreak;
    }
  }

  private statement(): void {
    if (this.text.startsWith('export', this.position) && exportSeparator.test(this.text[this.position + 6] ?? '')) {
      this.position += 'export'.length;
      this.skipInlineBlanks();
    }
    const keyStart = this.position;
    const { key, terminator } = this.readKey();
    if (key.includes(' ')) {
      throw this.error(keyStart, `key cannot contain a space: ${JSON.stringify(key)}`, 'write one variable per line as KEY=VALUE');
    }
    if (terminator !== '=' && terminator !== ':') {
      // A bare `KEY` line: the value comes from outside the file, if it is set there.
      const inherited = this.options.lookup?.(key);
      if (inherited !== undefined) this.values.set(key, inherited);
      return;
    }
    this.skipInlineBlanks();
    this.values.set(key, this.readValue());
  }

  /** Reads a name up to `=`, `:` or the end of the line, and steps past that terminator. */
  private readKey(): { key: string; terminator: string | undefined } {
    const { text } = this;
    const start = this.position;
    let index = start;
    while (index < text.length) {
      const char = String.fromCodePoint(text.codePointAt(index)!);
      if (char === '=' || char === ':' || char === '\n') {
        this.position = index + 1;
        return { key: text.slice(start, index).replace(trailingBlanks, ''), terminator: char };
      }
      if (!inlineBlank.test(char) && !keyCharacter.test(char)) {
        const line = text.slice(start).split('\n')[0]!;
        throw this.error(
          index,
          `unexpected character ${JSON.stringify(char)} in variable name ${JSON.stringify(line)}`,
          'write one variable per line as KEY=VALUE; names may use letters, digits, "_", ".", "-", "[" and "]"',
        );
      }
      index += char.length;
    }
    // compose-go mistakes a bare name on the last line, without a line break, for a value of the
    // key ""; berth reads it as the bare `KEY` it is.
    this.position = text.length;
    return { key: text.slice(start).replace(trailingBlanks, ''), terminator: undefined };
  }

  private readValue(): string {
    const quote = this.text[this.position];
    if (quote === '"' || quote === "'") return this.readQuotedValue(quote);
    const start = this.position;
    const lineBreak = this.text.indexOf('\n', start);
    const end = lineBreak === -1 ? this.text.length : lineBreak;
    this.position = lineBreak === -1 ? end : end + 1;
    const value = this.text.slice(start, end).split(' #')[0]!.replace(trailingBlanks, '');
    return this.interpolate(value, start);
  }

  private readQuotedValue(quote: '"' | "'"): string {
    const { text } = this;
    const start = this.position;
    let value = '';
    let escaped = false;
    for (let index = start + 1; index < text.length; index++) {
      const char = text[index]!;
      if (escaped) {
        // A backslash before the closing quote's character keeps the quote; any other keeps itself.
        escaped = false;
        value += char === quote ? char : `\\${char}`;
      } else if (char === '\\') {
        escaped = true;
      } else if (char === quote) {
        this.position = index + 1;
        return quote === '"' ? this.interpolate(expandEscapes(value), start) : value;
      } else {
        value += char;
      }
    }
    const line = text.slice(start).split('\n')[0]!;
    throw this.error(start, `unterminated quoted value ${line}`, `close the value with ${quote}; quoted values may span several lines`);
  }

  private skipInlineBlanks(): void {
    while (this.position < this.text.length && inlineBlank.test(this.text[this.position]!)) this.position++;
  }

  private interpolate(value: string, valueStart: number): string {
    const { lookup, onUnset } = this.options;
    try {
      return substituteTemplate(value, {
        lookup: (name) => lookup?.(name) ?? this.values.get(name),
        onUnset,
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const hint = error.failure.kind === 'required'
        ? `set ${error.failure.name} in the environment or earlier in this file`
        : 'write $$ for a literal $, or single-quote the value to turn interpolation off';
      throw this.error(valueStart, error.message, hint);
    }
  }

  private error(index: number, message: string, hint: string): ComposeError {
    return new ComposeError({
      code: 'COMPOSE_ENV_FILE',
      message,
      position: positionAt(this.text, index, this.options.file),
      hint,
    });
  }
}
