/** Go's zero time, what Docker shows for a container never started or never stopped. */
export const zeroTime = '0001-01-01T00:00:00Z';

/** A time as Docker writes it in inspect (Go's RFC3339Nano in UTC): trailing zeros of the fraction dropped. */
export function dockerTime(date: Date): string {
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, fraction: string) => (fraction ? `.${fraction}Z` : 'Z'));
}
