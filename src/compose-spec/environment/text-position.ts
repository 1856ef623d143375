import type { SourcePosition } from '../compose-error.js';

/** Line and column (from 1, in characters) of `index` in `text`. */
export function positionAt(text: string, index: number, file: string): SourcePosition {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { file, line, column: [...before.slice(lineStart)].length + 1 };
}
