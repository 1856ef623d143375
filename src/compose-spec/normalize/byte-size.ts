import type { DocumentPath } from '../compose-error.js';
import type { ByteCount } from '../model/index.js';
import { invalidValue } from './normalize-error.js';

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE = /^(\d+(?:\.\d+)*) ?([kmgtp]?)i?b?$/i;

/**
 * Bytes in a size as Compose reads it (docker/go-units `RAMInBytes`: binary multipliers, `b`,
 * `k`, `kb`, `kib`, `1.5g`, case-insensitive); `undefined` when it is not a size.
 */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.trunc(value);
  const match = SIZE.exec(String(value).trim());
  const amount = match ? Number(match[1]) : Number.NaN;
  if (!match || Number.isNaN(amount)) return undefined;
  return Math.trunc(amount * MULTIPLIERS[match[2]!.toLowerCase()]!);
}

/** A byte size in the form Compose prints it: the byte count in decimal digits. */
export function normalizeByteSize(value: unknown, path: DocumentPath): ByteCount {
  const bytes = parseByteSize(value);
  if (bytes === undefined) {
    throw invalidValue(path, `invalid size: ${JSON.stringify(String(value))}`, 'a size such as "512m", "1g" or a number of bytes', 'write a number followed by b, k, m, g, t or p');
  }
  return String(bytes);
}
