import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from './dockerd-process.js';

/**
 * What a test engine leaves running when it cannot shut down cleanly (dockerd killed, or the test
 * process that owned it died): dockerd, its containerd and the shims, which name the engine's
 * directory on their command line, and the container processes, which live in cgroups named after
 * the engine's container ids (`/docker/<id>`). After a graceful stop there are none.
 */
export function processesOf(directory: string): number[] {
  const ids = containerIdsOf(directory);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      // A zombie has already left its cgroups and only waits for its parent to reap it.
      if (/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) continue;
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const cgroups = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
      if (commandLine.includes(`${directory}/`) || ids.some((id) => cgroups.includes(`/${id}\n`))) found.push(pid);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Kills every process of the engine, waits until they are gone, and removes their cgroups. */
export async function killProcessesOf(directory: string): Promise<void> {
  const ids = containerIdsOf(directory);
  const deadline = Date.now() + 5_000;
  for (let pids = processesOf(directory); pids.length > 0; pids = processesOf(directory)) {
    if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} of test engine ${directory} survived SIGKILL`);
    for (const pid of pids) signal(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  removeContainerCgroups(ids);
}

/** Container ids, from the engine's data-root (`data/containers/<id>`). */
function containerIdsOf(directory: string): string[] {
  try {
    return readdirSync(join(directory, 'data', 'containers')).filter((name) => /^[0-9a-f]{64}$/.test(name));
  } catch {
    return [];
  }
}

/** dockerd deletes a container's cgroups when it removes the container; a killed dockerd cannot. */
function removeContainerCgroups(ids: string[]): void {
  if (ids.length === 0) return;
  const hierarchies = ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((name) => join('/sys/fs/cgroup', name))];
  for (const hierarchy of hierarchies) {
    for (const id of ids) {
      const cgroup = join(hierarchy, 'docker', id);
      if (existsSync(cgroup)) rmdirSync(cgroup);
    }
  }
}
