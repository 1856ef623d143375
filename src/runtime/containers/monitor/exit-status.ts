import { existsSync, readFileSync, statSync } from 'node:fs';
import type { MonitorFiles } from './monitor-files.js';

/** How a container's main process ended, as conmon recorded it. */
export interface ExitStatus {
  /** The exit code; 128 + N for a process killed by signal N, as Docker reports it. */
  exitCode: number;
  /** When conmon wrote the exit file: the exit time, known even if no engine was running. */
  exitedAt: Date;
  /** The kernel's OOM killer acted on the container's cgroup (Docker's State.OOMKilled). */
  oomKilled: boolean;
}

/**
 * The recorded exit, or undefined while the container has not exited. conmon writes the file
 * whole through a rename, so a reader never sees half a number.
 */
export function readExitStatus(files: MonitorFiles): ExitStatus | undefined {
  let text: string;
  let exitedAt: Date;
  try {
    text = readFileSync(files.exit, 'utf8');
    exitedAt = statSync(files.exit).mtime;
  } catch {
    return undefined;
  }
  const exitCode = Number.parseInt(text.trim(), 10);
  if (!Number.isSafeInteger(exitCode)) return undefined;
  return { exitCode, exitedAt, oomKilled: existsSync(files.oom) };
}
