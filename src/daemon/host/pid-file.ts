import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';

export interface PidFile {
  readonly path: string;
  remove(): void;
}

/**
 * Writes this process's pid, as dockerd's --pidfile does. A pid file naming another live daemon
 * (a process whose arguments hold `daemon`) is refused, as dockerd refuses it; one left by a dead
 * or unrelated process is overwritten.
 */
export function writePidFile(path: string): PidFile {
  const other = Number.parseInt(readIfPresent(path), 10);
  if (Number.isInteger(other) && other > 0 && other !== process.pid && isDaemon(other)) {
    throw new BerthError({
      code: 'DAEMON_PIDFILE_TAKEN',
      kind: 'conflict',
      message: `pid file found, ensure berth's daemon is not running or delete ${path} (it names the running process ${other})`,
      hint: `stop that daemon (kill ${other}), or give this one its own --pidfile`,
    });
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
  writeFileSync(path, `${process.pid}\n`, { mode: 0o644 });
  return {
    path,
    remove() {
      if (readIfPresent(path) === String(process.pid)) rmSync(path, { force: true });
    },
  };
}

function isDaemon(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('daemon');
  } catch {
    return false;
  }
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
