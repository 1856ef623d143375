const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * Docker's go-units HumanSizeWithPrecision(size, 3), which `docker compose images` prints: decimal
 * units (1 kB = 1000 B) and three significant digits, trailing zeros dropped: `4.26MB`, `512B`, `1GB`.
 */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${goPrecision3(size)}${units[unit]}`;
}

/** Go's `%.3g`: three significant digits without trailing zeros, exponent form when rounding reaches 1000. */
function goPrecision3(value: number): string {
  const text = value.toPrecision(3);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa!.includes('.') ? mantissa!.replace(/0+$/, '').replace(/\.$/, '') : mantissa!;
  if (exponent === undefined) return trimmed;
  const power = Number(exponent);
  return `${trimmed}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}
