import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../files/write-file-atomic.js';

/** What a watch running in the background (`berth watch -d`) records about itself. */
export interface BackgroundWatch {
  pid: number;
  /** The process's start time (/proc/<pid>/stat), so a reused pid is never taken for it. */
  startTime: string;
  project: string;
  engine: string;
  services: string[];
  /** Where its output goes. */
  log: string;
}

/** How long `stop` waits for the watch to end after SIGTERM before it sends SIGKILL. */
const stopGraceMs = 10_000;

/** The record and log of a project's background watch on one engine: BERTH_WATCH_DIR, else a directory under the temp directory. */
export function backgroundWatchFiles(engine: string, project: string): { record: string; log: string } {
  const directory = process.env.BERTH_WATCH_DIR ?? join(tmpdir(), 'berth-watch');
  const key = `${createHash('sha256').update(engine).digest('hex').slice(0, 16)}-${project}`;
  return { record: join(directory, `${key}.json`), log: join(directory, `${key}.log`) };
}

/**
 * The project's background watch, if one is running. A record whose process is gone (killed,
 * the machine rebooted) or is another process by now is removed, so a kill at any moment leaves
 * nothing the next command trips on.
 */
export function findBackgroundWatch(engine: string, project: string): BackgroundWatch | undefined {
  const { record } = backgroundWatchFiles(engine, project);
  let watch: BackgroundWatch;
  try {
    watch = JSON.parse(readFileSync(record, 'utf8')) as BackgroundWatch;
  } catch {
    return undefined;
  }
  if (processStartTime(watch.pid) === watch.startTime) return watch;
  rmSync(record, { force: true });
  return undefined;
}

/** The running process records itself as the project's background watch; the returned function removes the record. */
export function recordBackgroundWatch(engine: string, project: string, services: readonly string[]): () => void {
  const { record, log } = backgroundWatchFiles(engine, project);
  mkdirSync(dirname(record), { recursive: true, mode: 0o700 });
  const watch: BackgroundWatch = { pid: process.pid, startTime: processStartTime(process.pid) ?? '', project, engine, services: [...services], log };
  writeFileAtomic(record, `${JSON.stringify(watch)}\n`, 0o600);
  return () => {
    // Only our own record: a newer watch may have replaced it.
    if (findBackgroundWatch(engine, project)?.pid === process.pid) rmSync(record, { force: true });
  };
}

/** Stops the project's background watch (SIGTERM, then SIGKILL after 10 s) and removes its log; returns what was stopped, or undefined when none ran. */
export async function stopBackgroundWatch(engine: string, project: string): Promise<BackgroundWatch | undefined> {
  const watch = findBackgroundWatch(engine, project);
  if (!watch) return undefined;
  signal(watch.pid, 'SIGTERM');
  const deadline = Date.now() + stopGraceMs;
  while (processStartTime(watch.pid) === watch.startTime) {
    if (Date.now() > deadline) signal(watch.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Stopped on purpose: its record and its output go. A watch that died keeps its log to read.
  const files = backgroundWatchFiles(engine, project);
  rmSync(files.record, { force: true });
  rmSync(files.log, { force: true });
  return watch;
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces); undefined when the process is gone. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has exited: it only waits to be reaped.
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}
