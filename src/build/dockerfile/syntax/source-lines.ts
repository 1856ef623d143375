/**
 * The lines of a Dockerfile, each with its line ending, read one at a time. Heredoc bodies need the
 * endings as written; everything else trims them.
 */
export class SourceLines {
  private readonly lines: string[];
  private index = 0;

  constructor(text: string) {
    this.lines = splitLines(text);
  }

  hasMore(): boolean {
    return this.index < this.lines.length;
  }

  /** The next line, ending included. Only call when `hasMore()`. */
  next(): string {
    const line = this.lines[this.index] as string;
    this.index++;
    return line;
  }

  /** The 1-based number of the line `next()` returned last. */
  get lineNumber(): number {
    return this.index;
  }

  /** Lines `from` to `to` (1-based, inclusive) as written, without the final line ending. */
  slice(from: number, to: number): string {
    return this.lines.slice(from - 1, to).join('').replace(/\r?\n$/, '');
  }
}

/** A line without its ending: BuildKit trims every trailing CR and LF. */
export function withoutLineEnding(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

/** The lines of `text`, endings kept, a leading byte-order mark dropped. */
export function splitLines(text: string): string[] {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  return withoutBom.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
