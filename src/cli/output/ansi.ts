/**
 * The escape sequences the printers use, spelled as Docker Compose emits them, so output compared
 * byte for byte with Compose's matches (including `ESC[31mESC[1m` rather than `ESC[31;1m`).
 */
export type Paint = (text: string) => string;

export const plain: Paint = (text) => text;

/** A foreground colour by SGR code: `36` cyan, `33;1` intense yellow. */
export function sgr(code: string): Paint {
  return (text) => `\x1b[${code}m${text}\x1b[0m`;
}

// The progress block's colours (Compose's display colours).
export const green = sgr('32');
export const yellow = sgr('33');
export const blue = sgr('34');
export const cyan = sgr('36');
export const boldRed: Paint = (text) => `\x1b[31m\x1b[1m${text}\x1b[0m`;
export const boldYellow: Paint = (text) => `\x1b[33m\x1b[1m${text}\x1b[0m`;

export const hideCursor = '\x1b[?25l';
export const showCursor = '\x1b[?25h';
export const eraseLine = '\x1b[2K';
export const eraseBelow = '\x1b[J';
export const cursorUp = (lines: number): string => `\x1b[${lines}A`;

/** Width on screen: code points, leaving escape sequences out. */
export function visibleLength(text: string): number {
  return [...text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')].length;
}

/** The first `width` code points of an uncoloured text, marked with `...` when cut. */
export function truncate(text: string, width: number): string {
  const points = [...text];
  if (points.length <= width) return text;
  if (width <= 3) return points.slice(0, Math.max(width, 0)).join('');
  return `${points.slice(0, width - 3).join('')}...`;
}
