import { readFile } from 'node:fs/promises';
import { BerthError } from '../../../errors/index.js';

let current: Promise<string> | undefined;

/**
 * This process as the holder of a lease or of the collection lock: its pid and its start time
 * (field 22 of /proc/PID/stat, in clock ticks since boot), written `PID-START`. The start time is
 * what keeps a pid the kernel has since given to another process from passing for the holder.
 */
export function currentHolder(): Promise<string> {
  current ??= startTime(process.pid).then((start) => {
    if (start !== undefined) return `${process.pid}-${start}`;
    throw new BerthError({
      code: 'STORE_PROC_MISSING',
      kind: 'unavailable',
      message: `cannot read /proc/${process.pid}/stat, which names this process in the image store's leases`,
      hint: 'berth runs on Linux with /proc mounted; mount it (mount -t proc proc /proc)',
    });
  });
  return current;
}

/** Whether the process a holder names is still running; false for a name that is not a holder's. */
export async function holderAlive(holder: string): Promise<boolean> {
  const match = /^(\d+)-(\d+)$/.exec(holder);
  if (match === null) return false;
  return (await startTime(Number(match[1]))) === match[2];
}

async function startTime(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
  // The command name (field 2) sits in parentheses and may hold spaces or parentheses itself, so
  // the fields are counted from the last `)`: state is field 3, start time field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
}
