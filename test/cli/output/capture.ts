import type { OutputStream } from '../../../src/cli/output/terminal.js';

/** A stream that keeps what is written to it. */
export interface Capture extends OutputStream {
  text: string;
}

export function capture(terminal: { isTTY?: boolean; columns?: number; rows?: number } = {}): Capture {
  return {
    ...terminal,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}
