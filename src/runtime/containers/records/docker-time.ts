/** Go's zero time, what Docker shows for a container never started or never stopped. */
export const zeroTime = '0001-01-01T00:00:00Z';

/** A time as Docker writes it in inspect (Go's RFC3339Nano in UTC): trailing zeros of the fraction dropped. */
export function dockerTime(date: Date): string {
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, fraction: string) => (fraction ? `.${fraction}Z` : 'Z'));
}

let lastCreation = 0n;

/**
 * Now, as Docker writes a container's Created: RFC3339Nano in UTC. Each call is strictly later than the one
 * before, so that two containers created in one millisecond still list newest first, as Docker's
 * nanosecond clock lists them.
 */
export function creationTime(): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  lastCreation = now > lastCreation ? now : lastCreation + 1n;
  const seconds = new Date(Number(lastCreation / 1_000_000_000n) * 1000).toISOString().slice(0, 19);
  const fraction = (lastCreation % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}

/** Orders two of these UTC times newest first. Plain string order is wrong once trailing zeros are dropped (".1Z" sorts after ".12Z"). */
export function newestFirst(a: string, b: string): number {
  const [left, right] = [comparable(a), comparable(b)];
  return left < right ? 1 : left > right ? -1 : 0;
}

function comparable(time: string): string {
  const [seconds, fraction = ''] = time.replace(/Z$/, '').split('.');
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}
