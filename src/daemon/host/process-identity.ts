import { readFileSync } from 'node:fs';

/**
 * A process named so that a recycled pid does not pass for it: `PID START`, where START is the
 * process's start time (field 22 of /proc/PID/stat, in clock ticks since boot).
 */
export interface ProcessIdentity {
  pid: number;
  start: string;
}

export function currentIdentity(): ProcessIdentity {
  return { pid: process.pid, start: startTime(process.pid) ?? '' };
}

export function formatIdentity(identity: ProcessIdentity): string {
  return `${identity.pid} ${identity.start}\n`;
}

export function parseIdentity(text: string): ProcessIdentity | undefined {
  const match = /^(\d+)(?: (\d+))?\s*$/.exec(text);
  return match ? { pid: Number(match[1]), start: match[2] ?? '' } : undefined;
}

/** Whether the process still runs: its pid exists and, when the start time is known, it matches. */
export function isAlive(identity: ProcessIdentity): boolean {
  const start = startTime(identity.pid);
  if (start === undefined) return false;
  return identity.start === '' || identity.start === start;
}

function startTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // A zombie has exited; it only waits for its parent to reap it.
  if (fields[0] === 'Z') return undefined;
  return fields[22 - 3];
}
