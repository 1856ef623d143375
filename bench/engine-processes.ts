// The memory of an engine's own processes, for bench/daemon-footprint.ts: the daemon, what it
// spawned, and what names the engine's private directory on its command line (berth's conmons;
// dockerd's containerd and its shims, which leave dockerd's tree), never the containers' processes.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  pid: number;
  name: string;
  /** kB, from /proc/PID/smaps_rollup. */
  rss: number;
  pss: number;
}

interface ProcessEntry {
  pid: number;
  parent: number;
  name: string;
  commandLine: string;
  inContainer: boolean;
}

/** The daemon `daemonPid` and every process of its engine (see the header), with RSS and PSS. */
export function engineProcesses(directory: string, daemonPid: number): ProcessMemory[] {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const entry of table.values()) children.set(entry.parent, [...(children.get(entry.parent) ?? []), entry.pid]);
  const chosen = new Set<number>();
  const visit = (pid: number): void => {
    const entry = table.get(pid);
    if (!entry || entry.inContainer || chosen.has(pid)) return;
    chosen.add(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(daemonPid);
  for (const entry of table.values()) if (entry.commandLine.includes(`${directory}/`)) visit(entry.pid);
  return [...chosen].flatMap((pid) => {
    const memory = memoryOf(pid);
    return memory ? [{ pid, name: table.get(pid)!.name, ...memory }] : [];
  });
}

/** Totals (kB) and a `name×count` breakdown, largest first. */
export function summarize(processes: ProcessMemory[]): { rss: number; pss: number; breakdown: string } {
  const byName = new Map<string, { count: number; rss: number; pss: number }>();
  for (const { name, rss, pss } of processes) {
    const sum = byName.get(name) ?? { count: 0, rss: 0, pss: 0 };
    byName.set(name, { count: sum.count + 1, rss: sum.rss + rss, pss: sum.pss + pss });
  }
  const breakdown = [...byName.entries()]
    .sort(([, a], [, b]) => b.rss - a.rss)
    .map(([name, sum]) => `${name}×${sum.count} ${mib(sum.rss)}/${mib(sum.pss)}`)
    .join(', ');
  return { rss: processes.reduce((total, entry) => total + entry.rss, 0), pss: processes.reduce((total, entry) => total + entry.pss, 0), breakdown };
}

export function mib(kilobytes: number): string {
  return (kilobytes / 1024).toFixed(1);
}

function processTable(): Map<number, ProcessEntry> {
  const table = new Map<number, ProcessEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so split after the last `)`.
      const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      table.set(Number(name), {
        pid: Number(name),
        parent: Number(parent),
        name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        commandLine: readFileSync(`/proc/${name}/cmdline`, 'utf8'),
        // Both engines put a container's processes in a cgroup named by its 64-hex id.
        inContainer: /\/[0-9a-f]{64}$/m.test(readFileSync(`/proc/${name}/cgroup`, 'utf8')),
      });
    } catch {
      // exited while we looked
    }
  }
  return table;
}

function memoryOf(pid: number): { rss: number; pss: number } | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return undefined;
  }
}
