import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from './dockerd-process.js';

/**
 * A test registry's private directory: its config, htpasswd file, log and storage, plus two pid
 * files that let a later run clean up after a test process that died without stopping it.
 */
const parent = '/tmp';
const prefix = 'berth-registry-';
/** The test process that owns the registry; when it is gone, the registry was abandoned. */
const ownerFile = 'owner.pid';
const registryPidFile = 'registry.pid';
export const configFileName = 'config.yml';

export function makeRegistryDirectory(): string {
  const directory = mkdtempSync(join(parent, prefix));
  writeFileSync(join(directory, ownerFile), `${process.pid}\n`);
  return directory;
}

export function recordRegistryPid(directory: string, pid: number): void {
  writeFileSync(join(directory, registryPidFile), `${pid}\n`);
}

/**
 * Kills the registries of test processes that are gone (a killed worker runs no afterAll) and
 * removes their directories. A registry whose owner still runs, here or in a parallel test
 * process, is left alone.
 */
export function removeAbandonedRegistries(): void {
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const directory = join(parent, entry.name);
    if (!isGone(Number(readIfPresent(join(directory, ownerFile))))) continue;
    const pid = Number(readIfPresent(join(directory, registryPidFile)));
    // The pid may have been reused since; only a registry serving this directory's config is ours.
    if (pid > 0 && readIfPresent(`/proc/${pid}/cmdline`).includes(join(directory, configFileName))) signal(pid, 'SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
}

function isGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // not a harness directory, or one being created right now
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
