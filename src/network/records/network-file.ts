import { readFileSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import type { NetworkRecord } from './network-record.js';

const schemaVersion = 1;

/**
 * One network per file, replaced whole by an atomic rename (writeFileAtomic), so a reader sees the
 * record before a change or after it, never a mix, however the writer dies.
 */
export function writeNetworkFile(path: string, record: NetworkRecord): void {
  writeFileAtomic(path, `${JSON.stringify({ schemaVersion, ...record })}\n`, 0o600);
}

/** The record at `path`. A file that is not a network record is an error naming it. */
export function readNetworkFile(path: string): NetworkRecord {
  try {
    const { schemaVersion: version, ...record } = JSON.parse(readFileSync(path, 'utf8')) as { schemaVersion?: unknown };
    if (version !== schemaVersion) throw new Error(`schemaVersion ${JSON.stringify(version)}, expected ${schemaVersion}`);
    checkShape(record);
    return record;
  } catch (cause) {
    throw new BerthError({
      code: 'NETWORK_RECORD_CORRUPT',
      kind: 'internal',
      message: `the network record at ${path} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'berth only ever replaces this file whole, so something else changed it; restore it, or remove it to forget the network',
      cause,
    });
  }
}

function checkShape(value: object): asserts value is NetworkRecord {
  const record = value as Partial<Record<keyof NetworkRecord, unknown>>;
  for (const field of ['Id', 'Name', 'Created', 'Driver'] as const) {
    if (typeof record[field] !== 'string') throw new Error(`${field} must be a string`);
  }
  for (const field of ['Internal', 'Attachable'] as const) {
    if (typeof record[field] !== 'boolean') throw new Error(`${field} must be true or false`);
  }
  for (const field of ['IPAM', 'Options', 'Labels', 'endpoints'] as const) {
    if (typeof record[field] !== 'object' || record[field] === null) throw new Error(`${field} must be an object`);
  }
  if (record.Driver === 'bridge' && (typeof record.bridge !== 'string' || typeof record.addressing !== 'object')) {
    throw new Error('a bridge network needs its bridge and addressing');
  }
}
