/** A time as Docker writes `Created` (Go's RFC3339Nano in UTC): trailing zeros of the fraction dropped. */
export function dockerTime(date: Date): string {
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, fraction: string) => (fraction ? `.${fraction}Z` : 'Z'));
}
