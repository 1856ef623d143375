import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { currentIdentity, formatIdentity, isAlive, parseIdentity, type ProcessIdentity } from './process-identity.js';

/** The lock's file in the data root. */
export const lockFileName = 'berth.lock';

export interface StateLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the data root for this process, so two daemons never share a state directory. The lock
 * is a file made by link(2), which fails when the file exists, holding this process's identity
 * (pid and start time). A lock whose process is gone (a daemon killed with SIGKILL) is taken over:
 * it is first renamed aside, which only one taker can do, then checked once more.
 */
export function acquireStateLock(dataRoot: string): StateLock {
  const path = join(dataRoot, lockFileName);
  const own = formatIdentity(currentIdentity());
  const proposal = `${path}.${process.pid}`;
  writeFileSync(proposal, own, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (tryLink(proposal, path)) return { path, release: () => releaseIfOwn(path, own) };
      const holder = readHolder(path);
      if (holder && isAlive(holder)) throw stateLocked(dataRoot, path, holder);
      takeOverStale(path);
    }
  } finally {
    rmSync(proposal, { force: true });
  }
  throw new BerthError({
    code: 'DAEMON_LOCK_CONTENDED',
    kind: 'conflict',
    message: `could not take the lock ${path}: other processes keep taking it`,
    hint: 'another berth daemon is starting on the same data root; stop it, or give this one another --data-root',
  });
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): ProcessIdentity | undefined {
  try {
    return parseIdentity(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Moves a dead holder's lock aside; if a live daemon's lock was moved by a race, puts it back. */
function takeOverStale(path: string): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another taker moved it first
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && isAlive(moved)) tryLink(aside, path);
  rmSync(aside, { force: true });
}

function releaseIfOwn(path: string, own: string): void {
  try {
    if (readFileSync(path, 'utf8') === own) rmSync(path, { force: true });
  } catch {
    // Gone already: nothing to release.
  }
}

function stateLocked(dataRoot: string, path: string, holder: ProcessIdentity): BerthError {
  return new BerthError({
    code: 'DAEMON_STATE_LOCKED',
    kind: 'conflict',
    message: `another berth daemon (pid ${holder.pid}) is using the data root ${dataRoot} (lock ${path})`,
    hint: `stop that daemon (kill ${holder.pid}) before starting another, or give this one its own --data-root`,
  });
}
