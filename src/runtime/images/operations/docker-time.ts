/** What Docker shows for an image without a creation time: Go's zero time. */
const zeroTime = '0001-01-01T00:00:00Z';
const zeroTimeUnix = -62135596800;

const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * A configuration's `created` as Docker prints it in inspect (Go's RFC3339Nano): the zone as
 * written, trailing zeros of the fraction dropped. Text that is not RFC 3339 is shown as it is.
 */
export function dockerTimestamp(created: string | undefined): string {
  if (created === undefined) return zeroTime;
  const parts = rfc3339.exec(created);
  if (!parts) return created;
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  const zone = parts[3]!.toUpperCase();
  return `${parts[1]}${fraction ? `.${fraction}` : ''}${zone}`;
}

/** A configuration's `created` in Unix seconds, as the list and history show it; Go's zero time when absent. */
export function unixSeconds(created: string | undefined): number {
  const parts = created === undefined ? null : rfc3339.exec(created);
  if (!parts) return zeroTimeUnix;
  // Date.parse reads at most milliseconds; the whole seconds are all that is wanted.
  return Math.floor(Date.parse(`${parts[1]}${parts[3]!.toUpperCase()}`) / 1000);
}
