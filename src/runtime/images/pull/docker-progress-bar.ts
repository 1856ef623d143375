/**
 * Docker's text progress bar, the `progress` field of a JSONMessage (jsonmessage.JSONProgress's
 * String at the 200 columns a daemon without a terminal assumes): `[=>      ]  36.45kB/1.056MB`.
 * The docker CLI prints it as is when its output is not a terminal.
 */
export function dockerProgressBar(current: number, total: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const filled = Math.min(Math.trunc(Math.trunc((current / total) * 100) / 2), 50);
  const bar = `[${'='.repeat(filled)}>${' '.repeat(50 - filled)}] `;
  return bar + (current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`);
}

const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * go-units' HumanSize: decimal units, four significant digits, trailing zeros dropped (`2.13MB`).
 * An exact tie (10125 bytes is 10.125kB) rounds up here and to even in Go.
 */
function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit += 1;
  }
  return `${Number(size.toPrecision(4))}${units[unit]}`;
}
