/** Writes log lines as conmon does (`TIME STREAM F|P TEXT`), for tests that need no container. */
export function conmonLine(second: number, stream: 'stdout' | 'stderr', tag: 'F' | 'P', text: string, nanos = 0): string {
  const time = new Date(Date.UTC(2026, 0, 2, 3, 4, 0) + second * 1000).toISOString().slice(0, 19);
  return `${time}.${String(nanos).padStart(9, '0')}+00:00 ${stream} ${tag} ${text}\n`;
}

/** The nanosecond time conmonLine stamps for `second`. */
export function lineTime(second: number, nanos = 0): bigint {
  return BigInt(Date.UTC(2026, 0, 2, 3, 4, 0) / 1000 + second) * 1_000_000_000n + BigInt(nanos);
}
