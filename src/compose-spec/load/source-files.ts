import { readFileSync } from 'node:fs';
import { ComposeError, type SourcePosition } from '../compose-error.js';
import { stdinFile } from '../discovery/find-compose-files.js';

/**
 * The text of every compose file read during one load, so that an error found in any phase can
 * show the line it points at. Standard input is read once and named `(stdin)` in messages.
 */
export class SourceFiles {
  private readonly texts = new Map<string, string>();

  constructor(private readonly readStdin: () => string) {}

  read(file: string): { name: string; text: string } {
    const name = file === stdinFile ? '(stdin)' : file;
    let text = this.texts.get(name);
    if (text === undefined) {
      text = file === stdinFile ? this.readStdin() : readComposeFile(file);
      this.texts.set(name, text);
    }
    return { name, text };
  }

  /** Two lines for a message: the source line with its number, and a caret under the column. */
  excerpt(position: SourcePosition | undefined): string | undefined {
    if (!position) return undefined;
    const line = this.texts.get(position.file)?.split(/\r?\n/)[position.line - 1];
    if (line === undefined) return undefined;
    const gutter = ' '.repeat(String(position.line).length);
    return `  ${position.line} | ${line}\n  ${gutter} | ${' '.repeat(Math.max(0, position.column - 1))}^`;
  }
}

function readComposeFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ComposeError({
      code: 'COMPOSE_FILE_UNREADABLE',
      message: `cannot read compose file ${file}${code ? ` (${code})` : ''}`,
      hint: code === 'EACCES' ? 'check the file permissions' : 'check that the path names a readable file',
      cause,
    });
  }
}
