import { createHash } from 'node:crypto';

/** About 2 MB that only `counter` makes, so a record mixing two writes would not match its counter. */
export function payloadFor(counter: number): string {
  return createHash('sha256').update(String(counter)).digest('hex').repeat(32 * 1024);
}
