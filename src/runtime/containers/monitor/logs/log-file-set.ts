import { existsSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A container's log files, named as Docker's json-file names them: PATH is the live file conmon
 * appends to, PATH.1 the newest archive ... PATH.(N-1) the oldest. PATH.0 is berth's own: a
 * second hard link to the live file, so that when conmon starts PATH afresh (asked to, or at its
 * own size limit) the old file keeps a name until the rotation files it as PATH.1.
 */
export function archivedLogPath(logPath: string, index: number): string {
  return `${logPath}.${index}`;
}

export function heldLogPath(logPath: string): string {
  return archivedLogPath(logPath, 0);
}

export interface OpenLogFile {
  handle: FileHandle;
  ino: bigint;
  size: number;
}

/**
 * Opens every file of the log, oldest first. They are opened newest first and told apart by
 * inode, so a rotation running meanwhile can neither hide a file (its content is then under a
 * name opened later) nor show one twice (the same inode is skipped). The caller closes them.
 */
export async function openLogFiles(logPath: string): Promise<OpenLogFile[]> {
  const opened: OpenLogFile[] = [];
  const seen = new Set<bigint>();
  const add = async (path: string): Promise<boolean> => {
    const file = await openIfPresent(path);
    if (!file) return false;
    if (seen.has(file.ino)) await file.handle.close();
    else {
      seen.add(file.ino);
      opened.push(file);
    }
    return true;
  };
  await add(logPath);
  await add(heldLogPath(logPath));
  for (let index = 1; await add(archivedLogPath(logPath, index)); index += 1);
  return opened.reverse();
}

async function openIfPresent(path: string): Promise<OpenLogFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stat = await handle.stat({ bigint: true });
  return { handle, ino: stat.ino, size: Number(stat.size) };
}

/** Removes the log with its held link and archives (a removed container's log goes with it). */
export function removeLogFiles(logPath: string): void {
  rmSync(logPath, { force: true });
  rmSync(heldLogPath(logPath), { force: true });
  for (let index = 1; existsSync(archivedLogPath(logPath, index)); index += 1) rmSync(archivedLogPath(logPath, index), { force: true });
}
