import { mkdir, open, readdir, realpath, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { describeFailure } from './command-error.js';
import type { LinkHost } from './link-host.js';
import { readMountTable, type MountEntry } from './mount-table.js';
import { runCommand, succeeded, type CommandResult } from './run-command.js';

/** A namespace file under the namespace directory, and whether a namespace is mounted on it. */
export interface NamespaceFile {
  id: string;
  path: string;
  /** False for a file a crash left between its creation and its bind mount. */
  mounted: boolean;
}

/**
 * Makes the namespace directory a mount point of its own with shared propagation, as iproute2
 * does for /run/netns. A namespace file is a bind mount, and every mount namespace created while
 * it exists (a systemd service's PrivateTmp, a tool's `unshare -m`) gets a copy that keeps the
 * namespace and its veths alive; with the directory shared, berth's unmount reaches the copies
 * that take propagation (slave or shared ones, as systemd makes them), so the namespace goes when
 * berth removes it. (A private copy still holds it until its mount namespace ends; removal then
 * deletes the veths by name.) util-linux itself asks for nothing: `unshare --net=FILE`
 * bind-mounts onto any existing file, shared or private, but refuses a missing one. Idempotent;
 * the engine calls it at start-up, before any namespace is made.
 */
export async function prepareNamespaceDirectory(host: LinkHost): Promise<void> {
  await mkdir(host.namespaceDirectory, { recursive: true, mode: 0o755 });
  const directory = await realpath(host.namespaceDirectory);
  const own = topMountAt(await readMountTable(), directory);
  if (own?.shared) return;
  const args = own ? ['--make-shared', directory] : ['--bind', '--make-shared', directory, directory];
  const result = await runCommand('mount', args);
  if (!succeeded(result)) {
    throw new BerthError(
      describeFailure('mount', result, {
        code: 'NETWORK_NAMESPACE_DIRECTORY_FAILED',
        action: `cannot make ${directory} a shared mount for network namespace files`,
        hint: 'berth needs root (CAP_SYS_ADMIN) in the host mount namespace to keep network namespaces',
      }),
    );
  }
}

/** The file a container's network namespace is mounted on: `<run>/netns/<id>`. */
export function namespacePath(host: LinkHost, id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(id)) throw badNamespaceId(id);
  return join(host.namespaceDirectory, id);
}

function badNamespaceId(id: string): BerthError {
  return new BerthError({
    code: 'NETWORK_BAD_NAMESPACE_ID',
    kind: 'internal',
    message: `cannot name a network namespace file ${JSON.stringify(id)}`,
    hint: 'this is a bug in berth: namespace files are named after container ids',
  });
}

/**
 * Creates the empty file a new namespace is mounted on. It must not exist: a leftover is either a
 * live namespace of the same container (a bug in the caller) or a crash's, which repair removes.
 */
export async function createNamespaceFile(host: LinkHost, id: string): Promise<string> {
  const path = namespacePath(host, id);
  try {
    await (await open(path, 'wx', 0o444)).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BerthError({
      code: code === 'EEXIST' ? 'NETWORK_NAMESPACE_EXISTS' : 'NETWORK_NAMESPACE_FAILED',
      kind: code === 'EEXIST' ? 'conflict' : 'internal',
      message: `cannot create network namespace file ${path}: ${(error as Error).message}`,
      hint: code === 'EEXIST' ? 'the container already has a network namespace; remove it first' : 'the engine prepares its namespace directory at start-up (prepareNamespaceDirectory); check that it can write there',
      cause: error,
    });
  }
  return path;
}

/** The namespace files present, for crash repair: those berth's state does not name are leftovers. */
export async function listNamespaceFiles(host: LinkHost): Promise<NamespaceFile[]> {
  let names: string[];
  try {
    names = await readdir(host.namespaceDirectory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const directory = await realpath(host.namespaceDirectory);
  const mounted = namespaceMounts(await readMountTable(), directory);
  return names.sort().map((id) => ({ id, path: join(host.namespaceDirectory, id), mounted: mounted.has(id) }));
}

/**
 * Unmounts and deletes namespace files (one umount for all). A namespace goes once nothing else
 * holds it; the veths inside go with it, a moment later: delete them first (removeNetworkNamespace)
 * when the host must be clean at once.
 */
export async function removeNamespaceFiles(host: LinkHost, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // Repair passes whatever names it found there, so any name that stays inside the directory will do.
  const paths = ids.map((id) => {
    if (id === '' || id === '.' || id === '..' || id.includes('/')) throw badNamespaceId(id);
    return join(host.namespaceDirectory, id);
  });
  const present = new Set((await listNamespaceFiles(host)).filter((file) => file.mounted).map((file) => file.path));
  const mounted = paths.filter((path) => present.has(path));
  if (mounted.length > 0) {
    const result = await runCommand('umount', mounted);
    const still = (await listNamespaceFiles(host)).filter((file) => file.mounted && mounted.includes(file.path));
    if (!succeeded(result) && still.length > 0) {
      throw new BerthError(
        describeFailure('umount', result, {
          code: 'NETWORK_NAMESPACE_REMOVE_FAILED',
          kind: 'conflict',
          action: `cannot unmount network namespace ${still.map((file) => file.path).join(', ')}`,
          hint: 'check `grep nsfs /proc/self/mountinfo`; something mounted over the file, or berth lacks CAP_SYS_ADMIN',
        }),
      );
    }
  }
  for (const path of paths) await rm(path, { force: true });
}

/**
 * Undoes prepareNamespaceDirectory when the engine's state is removed: unmounts the directory's
 * own mount and deletes it. Refuses while namespace files remain (remove them first).
 */
export async function removeNamespaceDirectory(host: LinkHost): Promise<void> {
  const left = await listNamespaceFiles(host);
  if (left.length > 0) {
    throw new BerthError({
      code: 'NETWORK_NAMESPACES_LEFT',
      kind: 'conflict',
      message: `cannot remove ${host.namespaceDirectory}: network namespaces ${left.map((file) => file.id).join(', ')} are still there`,
      hint: 'remove the containers, or run the engine repair with nothing expected, first',
    });
  }
  let directory: string;
  try {
    directory = await realpath(host.namespaceDirectory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (topMountAt(await readMountTable(), directory)) {
    const result = await runCommand('umount', [directory]);
    if (!succeeded(result) && topMountAt(await readMountTable(), directory)) {
      throw new BerthError(
        describeFailure('umount', result, {
          code: 'NETWORK_NAMESPACE_DIRECTORY_FAILED',
          kind: 'conflict',
          action: `cannot unmount the network namespace directory ${directory}`,
          hint: 'something is mounted below it; `grep netns /proc/self/mountinfo` shows what',
        }),
      );
    }
  }
  await rmdir(directory);
}

/**
 * Runs `argv` inside the namespace mounted on `path` (`nsenter --net=PATH ...`), with the host's
 * files and processes around it: only the network is the container's.
 */
export function runInNamespace(path: string, argv: readonly [string, ...string[]], input?: string): Promise<CommandResult> {
  return runCommand('nsenter', [`--net=${path}`, ...argv], input);
}

/** The topmost mount on `path`, if anything is mounted there. */
function topMountAt(table: readonly MountEntry[], path: string): MountEntry | undefined {
  return table.filter((entry) => entry.mountPoint === path).at(-1);
}

/** Names in `directory` with a network namespace (nsfs `net:[...]`) mounted on them. */
function namespaceMounts(table: readonly MountEntry[], directory: string): Set<string> {
  const names = table
    .filter((entry) => entry.fsType === 'nsfs' && entry.root.startsWith('net:') && entry.mountPoint.startsWith(`${directory}/`))
    .map((entry) => entry.mountPoint.slice(directory.length + 1))
    .filter((name) => !name.includes('/'));
  return new Set(names);
}
