import { parseTemplate } from './template.js';

/**
 * Lists as the docker CLI prints them: columns aligned by its tabwriter (each column as wide as its
 * widest cell plus 3 spaces, and at least 10), and `--format` as `table`, `table TEMPLATE`, `json`
 * or a bare Go-style template.
 */

const minimumWidth = 10;
const padding = 3;

/**
 * Aligns tab-separated lines like Go's text/tabwriter with the docker CLI's settings. A cell ended
 * by a tab is padded; the text after a line's last tab is not, so a row whose last cell is empty
 * keeps the trailing spaces docker prints. Columns line up across each run of consecutive lines
 * that have them.
 */
export function alignColumns(lines: readonly string[]): string[] {
  const cells = lines.map((line) => line.split('\t'));
  const widths = cells.map(() => [] as number[]);
  const columnsOf = (index: number): number => cells[index]!.length - 1;
  const measure = (start: number, end: number, column: number): void => {
    let index = start;
    while (index < end) {
      if (columnsOf(index) <= column) {
        index++;
        continue;
      }
      const blockStart = index;
      let width = minimumWidth;
      while (index < end && columnsOf(index) > column) {
        width = Math.max(width, [...cells[index]![column]!].length + padding);
        index++;
      }
      for (let line = blockStart; line < index; line++) widths[line]![column] = width;
      measure(blockStart, index, column + 1);
    }
  };
  measure(0, cells.length, 0);
  return cells.map((row, line) =>
    row.map((cell, column) => (column < row.length - 1 ? cell + ' '.repeat(widths[line]![column]! - [...cell].length) : cell)).join(''),
  );
}

/** Rows of cells, headings first, as an aligned table with a newline after every row. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  return alignColumns(rows.map((row) => row.join('\t')))
    .map((line) => `${line}\n`)
    .join('');
}

/** What a list command can show. */
export interface ListFormat {
  /** The fields of the default table, in column order: `['Name', 'Image', 'Command', ...]`. */
  columns: readonly string[];
  /** The heading of every field a template may use: `{ Name: 'NAME', RunningFor: 'CREATED', ... }`. */
  headers: Readonly<Record<string, string>>;
}

/**
 * Renders `rows` as `--format` asks, the docker CLI's way:
 * - absent, `''` or `table`: the default columns with headings;
 * - `table {{.Name}}\t{{.Status}}`: those columns with their headings (`\t` and `\n` may be typed
 *   as the two characters, as in a shell);
 * - `json`: one JSON object per row per line, keys sorted as Go's encoder sorts a map's;
 * - any other text: a template printed once per row, without headings or alignment.
 */
export function formatList(rows: readonly Readonly<Record<string, unknown>>[], format: string | undefined, spec: ListFormat): string {
  const source = format ?? '';
  if (source === 'json') return rows.map((row) => `${JSON.stringify(sortKeys(row))}\n`).join('');
  const isTable = source === '' || source.startsWith('table');
  const body = unescape((isTable ? source.slice('table'.length) : source).replace(/^ +| +$/g, ''));
  const template = body === '' ? spec.columns.map((field) => `{{.${field}}}`).join('\t') : body;
  const render = parseTemplate(template, Object.keys(spec.headers));
  const lines = rows.map((row) => render(row));
  if (!isTable) return lines.map((line) => `${line}\n`).join('');
  return alignColumns([render(spec.headers), ...lines].join('\n').split('\n'))
    .map((line) => `${line}\n`)
    .join('');
}

function unescape(template: string): string {
  return template.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

function sortKeys(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
