import type { DocumentPath } from '../compose-error.js';
import type { ByteCount } from '../model/index.js';
import { invalidValue } from './normalize-error.js';

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE = /^(\d+(?:\.\d+)*) ?([kmgtp]?)i?b?$/i;

/**
 * A byte size as Compose reads it (docker/go-units `RAMInBytes`: binary multipliers, `b`, `k`,
 * `kb`, `kib`, `1.5g`, case-insensitive) and prints it: the byte count in decimal digits.
 */
export function normalizeByteSize(value: unknown, path: DocumentPath): ByteCount {
  if (typeof value === 'number') return String(Math.trunc(value));
  const text = String(value);
  const match = SIZE.exec(text);
  const amount = match ? Number(match[1]) : Number.NaN;
  if (!match || Number.isNaN(amount)) {
    throw invalidValue(path, `invalid size: ${JSON.stringify(text)}`, 'a size such as "512m", "1g" or a number of bytes', 'write a number followed by b, k, m, g, t or p');
  }
  return String(Math.trunc(amount * MULTIPLIERS[match[2]!.toLowerCase()]!));
}
