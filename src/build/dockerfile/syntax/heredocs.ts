import { DockerfileError } from '../dockerfile-error.js';
import type { Heredoc } from '../instruction-types.js';
import { isSpace } from './characters.js';
import { withoutLineEnding, type SourceLines } from './source-lines.js';

export type HeredocOpener = Omit<Heredoc, 'content'>;

const OPENER = /^(\d*)<<(-?)\s*([^<]*)$/;

/**
 * The heredocs a RUN, COPY or ADD line opens, in order: every word of the form `[n]<<[-]WORD`.
 * Words are cut as the shell would, so `"<<EOF"` (quoted) opens nothing and `<< EOF` does.
 * Heredoc words always use the backslash, whatever the escape directive says, as in BuildKit.
 */
export function heredocsOpenedBy(line: string): HeredocOpener[] {
  if (!line.includes('<<')) return [];
  return (rawShellWords(line) ?? []).flatMap((word) => heredocOpenerOf(word) ?? []);
}

/** `<<EOF`, `<<-'EOF'`, `3<<EOF` as a heredoc opener; `undefined` for any other word. */
export function heredocOpenerOf(word: string): HeredocOpener | undefined {
  const match = OPENER.exec(word);
  if (!match) return undefined;
  const [, descriptor = '', dash = '', terminator = ''] = match;
  const name = terminatorName(terminator);
  if (name === undefined) return undefined;
  const opener: HeredocOpener = { name: name.text, expand: !name.quoted, chomp: dash === '-' };
  if (descriptor !== '') opener.fileDescriptor = Number(descriptor);
  return opener;
}

/** Reads each opener's body from the lines after the instruction, up to its terminator line. */
export function readHeredocBodies(openers: readonly HeredocOpener[], lines: SourceLines): Heredoc[] {
  return openers.map((opener) => {
    let content = '';
    while (lines.hasMore()) {
      const line = lines.next();
      let candidate = withoutLineEnding(line);
      if (opener.chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === opener.name) return { ...opener, content };
      content += line;
    }
    throw new DockerfileError({
      code: 'DOCKERFILE_SYNTAX',
      detail: 'unterminated heredoc',
      hint: `end the heredoc with a line holding only "${opener.name}"`,
    });
  });
}

/** The body of a `<<-` heredoc: leading tabs removed from every line. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, '');
}

/**
 * The line cut at unquoted blanks with quotes and escapes kept; `<<` and `<<-` stay joined to the
 * next word across blanks, as BuildKit's lexer keeps `<< EOF` one word. `undefined` when a quote is left open (the line opens no heredoc).
 */
function rawShellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (let position = 0; position < line.length; position++) {
    const character = line[position] as string;
    if (quote === undefined && isSpace(character)) {
      if (/^\d*<<-?\s*$/.test(word)) {
        word += character;
        continue;
      }
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += character;
    if (character === '\\' && quote !== "'" && position + 1 < line.length) {
      word += line[position + 1] as string;
      position++;
    } else if (quote === undefined && (character === '"' || character === "'")) {
      quote = character;
    } else if (character === quote) {
      quote = undefined;
    }
  }
  if (quote !== undefined) return undefined;
  if (word !== '') words.push(word);
  return words;
}

/** The terminator with quotes and escapes removed, and whether any of it was quoted. */
function terminatorName(text: string): { text: string; quoted: boolean } | undefined {
  let name = '';
  let quoted = false;
  for (let position = 0; position < text.length; position++) {
    const character = text[position] as string;
    if (isSpace(character)) return undefined; // two words: not a heredoc
    if (character === '\\') {
      position++;
      name += text[position] ?? '';
    } else if (character === "'" || character === '"') {
      const close = quotedEnd(text, position);
      if (close === undefined) return undefined;
      name += unquote(text.slice(position + 1, close), character);
      quoted = true;
      position = close;
    } else {
      name += character;
    }
  }
  return name === '' ? undefined : { text: name, quoted };
}

function quotedEnd(text: string, open: number): number | undefined {
  const quote = text[open];
  for (let position = open + 1; position < text.length; position++) {
    if (quote === '"' && text[position] === '\\') position++;
    else if (text[position] === quote) return position;
  }
  return undefined;
}

/** Inside double quotes a backslash escapes only `"`, `$` and itself; inside single quotes nothing. */
function unquote(inner: string, quote: string): string {
  return quote === '"' ? inner.replace(/\\(["$\\])/g, '$1') : inner;
}
