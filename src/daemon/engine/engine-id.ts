import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The engine's id (`ID` in `/info`): made once, kept in `<data-root>/engine-id`, so it stays the
 * same across restarts and differs between engines, as dockerd's does (a UUID, as in Docker 23+).
 */
export function engineId(dataRoot: string): string {
  const path = join(dataRoot, 'engine-id');
  try {
    const kept = readFileSync(path, 'utf8').trim();
    if (kept !== '') return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomUUID();
  // Written aside and renamed, so a crash never leaves an empty id that would change at the next start.
  writeFileSync(`${path}.tmp`, `${id}\n`, { mode: 0o644 });
  renameSync(`${path}.tmp`, path);
  return id;
}
