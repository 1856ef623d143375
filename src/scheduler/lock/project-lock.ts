import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProjectLockOptions {
  /** Where lock files live; BERTH_LOCK_DIR, else a directory under the system's temp directory. */
  directory?: string;
  /** Called once when another berth holds the lock, before waiting for it. */
  onWait?: (holder: string) => void;
  pollMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs `work` while holding the lock of one project on one engine, so that two berths changing
 * the same project (two `up`s, an `up` and a `down`) take turns instead of interleaving. The lock
 * is a file created exclusively that holds its owner's pid: a lock whose owner died (killed, the
 * machine rebooted) is taken over, so a kill at any moment never leaves the project locked.
 */
export async function withProjectLock<T>(engine: string, project: string, work: () => Promise<T>, options: ProjectLockOptions = {}): Promise<T> {
  const directory = options.directory ?? process.env.BERTH_LOCK_DIR ?? join(tmpdir(), 'berth-locks');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, `${createHash('sha256').update(engine).digest('hex').slice(0, 16)}-${project}.lock`);
  let warned = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (tryCreate(path)) break;
    const holder = readHolder(path);
    // An empty file is a lock being written this instant, unless it has stayed empty for a while.
    const abandoned = holder === undefined ? ageMs(path) > 2000 : !isAlive(holder.pid);
    if (abandoned) {
      removeQuietly(path);
      continue;
    }
    if (holder && !warned) {
      warned = true;
      options.onWait?.(`another berth (pid ${holder.pid}, ${holder.command}) is changing project ${project}; waiting for it to finish`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  try {
    return await work();
  } finally {
    removeQuietly(path);
  }
}

function tryCreate(path: string): boolean {
  try {
    writeFileSync(path, `${process.pid} ${process.argv.slice(2).join(' ').slice(0, 200)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): { pid: number; command: string } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const match = /^(\d+) ?(.*)$/m.exec(text);
    if (!match) return undefined;
    return { pid: Number(match[1]), command: match[2] ? `berth ${match[2]}` : 'berth' };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: another berth took over a dead owner's lock, or released its own.
  }
}
