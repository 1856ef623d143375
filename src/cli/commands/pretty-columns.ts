/**
 * Rows aligned as Go's text/tabwriter aligns the tables Compose writes with it directly: `ls` and
 * `images` (minimum column width 20) and `top` (minimum 5), each with 3 spaces of padding. The
 * docker CLI's own lists (`ps`) use renderTable/formatList instead, with a minimum of 10.
 *
 * Every cell but a row's last is padded to its column's width (its widest padded cell plus the
 * padding, and at least the minimum); the last cell is printed as it is. A row that ends with an
 * empty cell therefore ends in padding, like a Go row whose last cell is followed by a tab.
 */
export function prettyColumns(rows: readonly (readonly string[])[], minWidth: number, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? minWidth, [...cell].length + padding);
    });
  }
  return rows
    .map((row) => row.map((cell, column) => (column < row.length - 1 ? cell + ' '.repeat(widths[column]! - [...cell].length) : cell)).join('') + '\n')
    .join('');
}
