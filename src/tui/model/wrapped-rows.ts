/**
 * How many rows `text` takes when wrapped at `width` the way ink wraps a Text: at spaces, with a
 * word longer than the row broken where the row ends.
 */
export function wrappedRows(text: string, width: number): number {
  if (width < 1) return 1;
  let rows = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= width) {
      used = needed;
      continue;
    }
    if (used > 0) rows++;
    rows += Math.max(0, Math.ceil(word.length / width) - 1);
    used = word.length % width || (word.length === 0 ? 0 : width);
  }
  return rows;
}
