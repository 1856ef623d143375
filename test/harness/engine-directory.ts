import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killProcessesOf } from './engine-leftovers.js';
import { bridgesWithAddressIn, deleteBridge } from './host-bridges.js';

/**
 * A test engine's private directory: socket, data-root, exec-root, pidfile and log. It sits
 * directly under /tmp with a short name because a UNIX socket path is limited to 108 bytes and
 * containerd nests its own sockets a few levels below the exec-root.
 */
export function makeEngineDirectory(addressPrefix: string): string {
  const directory = mkdtempSync(`${parent}/${prefix}`);
  writeFileSync(join(directory, ownerFile), `${process.pid}\n`);
  writeFileSync(join(directory, addressPrefixFile), `${addressPrefix}\n`);
  return directory;
}

const parent = '/tmp';
const prefix = 'bd-';
/** The test process that owns the engine; when it is gone, the engine was abandoned. */
const ownerFile = 'owner.pid';
/** The engine's address pool, by which its network bridges are found once dockerd is gone. */
const addressPrefixFile = 'address-prefix';

/**
 * Cleans up after test runs that died without stopping their engines (a killed worker runs no
 * afterAll): their processes are killed, their network bridges deleted and their directories
 * removed. An engine whose owner still runs, here or in a parallel test process, is left alone.
 */
export async function removeAbandonedEngines(): Promise<void> {
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const directory = join(parent, entry.name);
    if (!ownerIsGone(directory)) continue;
    await killProcessesOf(directory);
    const addressPrefix = readIfPresent(join(directory, addressPrefixFile));
    if (/^10\.\d+\.$/.test(addressPrefix)) for (const bridge of bridgesWithAddressIn(addressPrefix)) deleteBridge(bridge);
    removeEngineDirectory(directory);
  }
}

function ownerIsGone(directory: string): boolean {
  const pid = Number(readIfPresent(join(directory, ownerFile)));
  if (!Number.isInteger(pid) || pid <= 0) return false; // not a harness directory, or one being created right now
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Deletes the directory. A dockerd that had to be killed leaves mounts below it (overlay layers,
 * network namespaces), which would make the delete fail with EBUSY, so those are detached first.
 */
export function removeEngineDirectory(directory: string): void {
  for (const mountPoint of mountsBelow(directory)) {
    try {
      execFileSync('umount', ['--lazy', mountPoint], { stdio: 'ignore' });
    } catch {
      // already gone with its parent mount
    }
  }
  rmSync(directory, { recursive: true, force: true });
}

/** Mount points under `directory`, deepest first. */
function mountsBelow(directory: string): string[] {
  const mountPoints = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map((field) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
  return mountPoints.filter((point) => point.startsWith(`${directory}/`)).sort((a, b) => b.length - a.length);
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
