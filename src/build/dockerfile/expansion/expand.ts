import { DockerfileError, type DockerfileLocation } from '../dockerfile-error.js';
import type { EscapeCharacter } from '../instruction-types.js';
import { LexError, lexWord, type LexerOptions, type VariableLookup } from './word-lexer.js';

export interface ExpansionOptions {
  /** The Dockerfile's escape character (`dockerfile.directives.escape`); a backslash by default. */
  escape?: EscapeCharacter;
  /** The instruction's location, for the error message. */
  at?: DockerfileLocation;
}

/**
 * One word in, one word out, with Dockerfile's rules: `$NAME`, `${NAME}`, `${NAME:-word}`,
 * `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?message}`, `${NAME?message}`,
 * `${NAME#pattern}`, `##`, `%`, `%%`, `${NAME/pattern/replacement}` and `//`; single quotes keep
 * text literal, double quotes expand inside, the escape character makes the next character literal
 * (`\$foo`). Quotes are removed. An unset variable becomes empty. For FROM, WORKDIR, USER,
 * STOPSIGNAL, ENV and LABEL keys and values, ARG, COPY and ADD paths and flags, VOLUME paths, and
 * RUN `--mount` values.
 */
export function expandWord(word: string, lookup: VariableLookup, options: ExpansionOptions = {}): string {
  return expand(word, { escape: options.escape ?? '\\', processQuotes: true, lookup }, options.at).text;
}

/**
 * Expansion, then splitting at blanks that came from unquoted text or variable values: EXPOSE's
 * rule, so `EXPOSE $PORTS` with `PORTS="80 443"` gives two ports while `"a b"` stays one word.
 */
export function expandWords(word: string, lookup: VariableLookup, options: ExpansionOptions = {}): string[] {
  return expand(word, { escape: options.escape ?? '\\', processQuotes: true, lookup }, options.at).words;
}

/**
 * The body of a COPY or ADD heredoc whose terminator was not quoted: variables are replaced and
 * backslash escapes applied, quotes are kept as text (BuildKit's raw expansion).
 */
export function expandHeredoc(content: string, lookup: VariableLookup, options: Pick<ExpansionOptions, 'at'> = {}): string {
  return expand(content, { escape: '\\', processQuotes: false, lookup }, options.at).text;
}

function expand(word: string, lexer: LexerOptions, at: DockerfileLocation | undefined): { text: string; words: string[] } {
  try {
    return lexWord(word, lexer);
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    throw new DockerfileError({ code: 'DOCKERFILE_EXPANSION', detail: `failed to process "${word}": ${error.message}`, hint: error.hint, at });
  }
}
