import { readFileSync } from 'node:fs';
import { BerthError } from '../../../errors/index.js';
import { writeFileAtomic } from '../../../files/write-file-atomic.js';
import { checkRecordShape, type ContainerRecord } from './container-record.js';

const schemaVersion = 1;

/**
 * One record per file, replaced whole by an atomic rename (writeFileAtomic), so a reader sees the
 * previous record or the next, never a mix, whenever the writer dies. Mode 0600: a record holds
 * the container's environment, which may hold secrets.
 */
export function writeRecordFile(path: string, record: ContainerRecord): void {
  writeFileAtomic(path, `${JSON.stringify({ schemaVersion, ...record })}\n`, 0o600);
}

/** The record at `path`; undefined when there is no file. A file that is not a record is an error naming it. */
export function readRecordFile(path: string): ContainerRecord | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { schemaVersion: version, ...record } = JSON.parse(text) as { schemaVersion?: unknown };
    if (version !== schemaVersion) throw new Error(`schemaVersion ${JSON.stringify(version)}, expected ${schemaVersion}`);
    checkRecordShape(record);
    return record;
  } catch (cause) {
    throw new BerthError({
      code: 'CONTAINER_RECORD_CORRUPT',
      kind: 'internal',
      message: `the container record at ${path} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'berth only ever replaces this file whole, so something else changed it; restore it, or remove its directory to forget the container',
      cause,
    });
  }
}
