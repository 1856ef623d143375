import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StoreLayout } from './layout.js';

/**
 * Writes `bytes` to `path` so that readers see either the old file or the whole new one: write a
 * temporary file in `temporaryDirectory` (same filesystem), flush it to disk, rename it over
 * `path`, then flush the directory so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, temporaryDirectory: string): Promise<void> {
  const temporary = join(temporaryDirectory, `${StoreLayout.temporaryName('write')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Flushes a directory's entries, which is what makes a rename into it durable. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Whether `path` exists; errors other than its absence (permissions, I/O) are not hidden as "no". */
export async function exists(path: string): Promise<boolean> {
  return (await sizeOf(path)) !== undefined;
}

/** The size of the file at `path`, or undefined when there is none. */
export async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The entries of `directory`; none when it is missing. */
export async function namesIn(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
