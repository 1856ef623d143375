import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BerthTestEngine } from '../harness/berth-engine.js';
import { processRuns } from './engine-calls.js';

/**
 * What a berth test daemon holds on the host, read from the host itself (not from the daemon,
 * which may be dead): its containers' records and monitors on disk, its links, namespace files,
 * mounts, iptables rules and processes, so a test can say what a crash and a recovery leave.
 */

export interface DiskContainer {
  id: string;
  name: string;
  /** What the record says. */
  running: boolean;
  /** The container's init, from runc's pid file in the monitor directory, when it runs. */
  pid: number | undefined;
  /** Its init runs the container's command: runc's init waiting for `runc start` does not count. */
  started: boolean;
  /** Its conmon, when it runs. */
  conmon: number | undefined;
}

/** Every container of the engine as its files say, records and monitors, sorted by name. */
export function containersOnDisk(engine: BerthTestEngine): DiskContainer[] {
  const root = join(engine.setup.dataRoot, 'containers');
  if (!existsSync(root)) return [];
  const found: DiskContainer[] = [];
  for (const id of readdirSync(root).filter((entry) => /^[0-9a-f]{64}$/.test(entry))) {
    const text = readIfPresent(join(root, id, 'container.json'));
    if (text === undefined) continue;
    const record = JSON.parse(text) as { Name: string; State: { Running: boolean } };
    const monitor = join(engine.setup.execRoot, 'monitors', id);
    const pid = livePid(join(monitor, 'pid'));
    const started = pid !== undefined && !commandOf(pid).startsWith('runc:');
    found.push({ id, name: record.Name.slice(1), running: record.State.Running, pid, started, conmon: livePid(join(monitor, 'conmon.pid')) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The containers' roots mounted now (`.../containers/ID/rootfs/merged`). */
export function mountedRoots(engine: BerthTestEngine): string[] {
  const prefix = join(engine.setup.dataRoot, 'containers');
  return mountPoints().filter((point) => point.startsWith(`${prefix}/`) && point.endsWith('/rootfs/merged'));
}

function mountPoints(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '');
}

/** Container directories without a record: creates the daemon died in. */
export function unrecordedContainers(engine: BerthTestEngine): string[] {
  const root = join(engine.setup.dataRoot, 'containers');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((entry) => /^[0-9a-f]{64}$/.test(entry) && !existsSync(join(root, entry, 'container.json')));
}

/** A process's command name (`comm`), or '' once it is gone. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8');
  } catch {
    return '';
  }
}

/** The pid in `path` if that process runs. */
function livePid(path: string): number | undefined {
  const text = readIfPresent(path);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && processRuns(pid) ? pid : undefined;
}

/** A process's children (its main thread's: where Node spawns), each with its argv: for the daemon runc, conmon's first fork, ip, iptables-restore... */
export function childrenOf(pid: number): { pid: number; argv: string[] }[] {
  let listed: string;
  try {
    listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return [];
  }
  const children: { pid: number; argv: string[] }[] = [];
  for (const child of listed.split(' ').filter(Boolean)) {
    try {
      children.push({ pid: Number(child), argv: readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // exited while we looked
    }
  }
  return children;
}

/**
 * What is left of the engine's work once its projects are down: each entry names a thing that
 * should be gone. The daemon's own standing parts (its default bridge, the namespace directory's
 * own mount, its base chains) are not leftovers.
 */
export interface Leftovers {
  links: string[];
  namespaceFiles: string[];
  mounts: string[];
  rules: string[];
  processes: string[];
}

export function leftovers(engine: BerthTestEngine): Leftovers {
  const { setup } = engine;
  const mark = `berth:${setup.execRoot}`;
  const links = (JSON.parse(execFileSync('ip', ['-d', '-j', 'link', 'show'], { encoding: 'utf8' })) as { ifname: string; ifalias?: string }[])
    .filter((link) => link.ifalias === mark && link.ifname !== setup.config.bridge)
    .map((link) => link.ifname);
  const netns = join(setup.execRoot, 'netns');
  const namespaceFiles = existsSync(netns) ? readdirSync(netns) : [];
  const mounts = mountPoints().filter((point) => point.startsWith(`${setup.directory}/`) && point !== netns);
  const prefix = setup.config['berth-chain-prefix'];
  // Per-network and per-port rules are tagged `berth net=<bridge>[ ctr=<id> ...]`; the default bridge's belong to the daemon.
  const rules = execFileSync('iptables-save', [], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith(`-A ${prefix}-`) && (/ net=([^ "]+)/.exec(line)?.[1] ?? setup.config.bridge) !== setup.config.bridge);
  return { links, namespaceFiles, mounts, rules, processes: toolsOf(engine, ['conmon', 'runc', 'socat']) };
}

/** The engine's processes running one of `commands` (`PID ARGV...`): those naming its directory in their arguments or working in it (socat). */
export function toolsOf(engine: BerthTestEngine, commands: readonly string[]): string[] {
  const processes: string[] = [];
  const ours = (entry: string, argv: string[]): boolean => argv.some((arg) => arg.includes(engine.setup.directory)) || readlinkSync(`/proc/${entry}/cwd`).startsWith(`${engine.setup.directory}/`);
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const command = argv[0]?.split('/').pop() ?? '';
      if (commands.includes(command) && ours(entry, argv) && processRuns(Number(entry))) processes.push(`${entry} ${argv.join(' ').trim()}`);
    } catch {
      // exited while we looked
    }
  }
  return processes;
}

export const noLeftovers: Leftovers = { links: [], namespaceFiles: [], mounts: [], rules: [], processes: [] };

/** SIGKILL to a process and all its descendants, the deepest first. */
export function killTree(pid: number): void {
  for (const child of childrenOf(pid)) killTree(child.pid);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** What a process has open, by kind (`socket`, `pipe`, `anon_inode:[eventfd]`) or path, sorted: inode numbers change, kinds and paths do not. */
export function openFiles(pid: number): string[] {
  const targets: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      targets.push(readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/^(socket|pipe):\[\d+\]$/, '$1'));
    } catch {
      // closed while we looked
    }
  }
  return targets.sort();
}

/** A file's text, or undefined when it is not there: the daemon may remove it while this looks (a down in progress). */
function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
