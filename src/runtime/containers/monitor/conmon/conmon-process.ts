import { readFileSync } from 'node:fs';

/** A PID from a pid file, or undefined when the file is missing or holds no number. */
export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is still this container's conmon. A PID alone can be reused by any process
 * after conmon exits (the engine may have been away for days), so the command line must name the
 * same persist directory; a zombie waiting for init to reap it counts as gone.
 */
export function isConmonOf(pid: number, persistDirectory: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name in parentheses, which may itself hold spaces.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const flag = argv.indexOf('--persist-dir');
    return flag >= 0 && argv[flag + 1] === persistDirectory;
  } catch {
    return false;
  }
}
