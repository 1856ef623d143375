import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The names of the interfaces in berth's own network namespace, from /proc/self/net/dev: a file
 * read, no process, and (unlike /sys/class/net, which shows the namespace that mounted sysfs)
 * always this process's namespace.
 */
export async function hostInterfaceNames(): Promise<Set<string>> {
  const text = await readFile('/proc/self/net/dev', 'utf8');
  // Two header lines, then `  NAME: counters...` per interface.
  const names = text
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter((name) => name !== '');
  return new Set(names);
}

/** Waits until none of `names` is left, or `timeoutMs` passed; returns those still there. */
export async function waitUntilGone(names: readonly string[], timeoutMs: number): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const present = await hostInterfaceNames();
    const left = names.filter((name) => present.has(name));
    if (left.length === 0 || performance.now() >= deadline) return left;
    await sleep(2);
  }
}
