import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerMonitor, type ContainerHandle, type CreateContainerOptions } from '../../../../src/runtime/containers/monitor/index.js';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';

/**
 * A scratch engine for the monitor tests: a run directory, the busybox root filesystem shared
 * read-only by every bundle, and minimal bundles written from `runc spec`'s template (the real
 * spec builder is another folder's; these tests need only argv, a terminal flag and a cgroup).
 */
export interface MonitorFixture {
  root: string;
  runDirectory: string;
  monitor: ContainerMonitor;
  bundle(args: string[], options?: { terminal?: boolean }): { id: string; bundle: string };
  /** A bundle and the paths of its monitor and log, ready for `monitor.create`; deleted by cleanup. */
  prepare(args: string[], options?: Partial<CreateContainerOptions>): CreateContainerOptions;
  create(args: string[], options?: Partial<CreateContainerOptions>): ReturnType<ContainerMonitor['create']>;
  handles: ContainerHandle[];
  /** Deletes every container, then returns what was left behind (which must be nothing). */
  cleanup(): Promise<string[]>;
}

let sharedRootfs: string | undefined;
let template: Record<string, unknown> | undefined;

/**
 * The busybox root filesystem, unpacked once beside its cached tar and reused by every bundle
 * read-only (the key is the tar's own name, which changes with its recipe). Unpacked into a
 * private directory and renamed into place, so parallel test files never see half of it.
 */
function rootfs(): string {
  if (sharedRootfs) return sharedRootfs;
  const tarball = busyboxTarball();
  const directory = tarball.replace(/\.tar$/, '.rootfs');
  if (!existsSync(directory)) {
    const partial = mkdtempSync(`${directory}.partial-`);
    try {
      execFileSync('tar', ['--extract', `--file=${tarball}`, `--directory=${partial}`, '--numeric-owner']);
      renameSync(partial, directory);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(directory)) throw error; // another process won the race: use its copy
    }
  }
  sharedRootfs = directory;
  return directory;
}

function specTemplate(): Record<string, unknown> {
  if (template) return structuredClone(template);
  const directory = mkdtempSync(join(tmpdir(), 'berth-runc-spec-'));
  execFileSync('runc', ['spec', '--bundle', directory]);
  template = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8')) as Record<string, unknown>;
  rmSync(directory, { recursive: true, force: true });
  return structuredClone(template);
}

export function cgroupName(id: string): string {
  return `berth-monitor-test-${id.slice(0, 12)}`;
}

export function createMonitorFixture(): MonitorFixture {
  const root = mkdtempSync(join(tmpdir(), 'berth-monitor-'));
  const runDirectory = join(root, 'run');
  const monitor = new ContainerMonitor({ runDirectory });
  const handles: ContainerHandle[] = [];
  const bundle = (args: string[], options: { terminal?: boolean } = {}): { id: string; bundle: string } => {
    const id = randomBytes(32).toString('hex');
    const directory = join(root, 'bundles', id.slice(0, 12));
    mkdirSync(directory, { recursive: true });
    const spec = specTemplate() as {
      process: { terminal: boolean; args: string[]; env: string[] };
      root: { path: string; readonly: boolean };
      hostname: string;
      mounts: { destination: string; type: string; source: string; options?: string[] }[];
      linux: { cgroupsPath?: string };
    };
    spec.process.terminal = options.terminal ?? false;
    spec.process.args = args;
    spec.process.env = ['PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root'];
    spec.root = { path: rootfs(), readonly: true };
    spec.hostname = id.slice(0, 12);
    spec.mounts.push({ destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'mode=1777'] });
    spec.linux.cgroupsPath = `/${cgroupName(id)}`;
    writeFileSync(join(directory, 'config.json'), JSON.stringify(spec, null, 2));
    return { id, bundle: directory };
  };
  return {
    root,
    runDirectory,
    monitor,
    handles,
    bundle,
    prepare(args, options = {}) {
      const made = bundle(args, { terminal: options.terminal });
      const handle = {
        id: made.id,
        bundle: made.bundle,
        monitorDirectory: join(root, 'monitors', made.id.slice(0, 12)),
        logPath: join(root, 'logs', made.id.slice(0, 12), 'container.log'),
      };
      mkdirSync(join(root, 'logs', made.id.slice(0, 12)), { recursive: true });
      handles.push(handle);
      return { ...handle, ...options };
    },
    async create(args, options = {}) {
      return monitor.create(this.prepare(args, options));
    },
    async cleanup() {
      for (const handle of handles) await monitor.delete(handle, { force: true }).catch(() => undefined);
      const found = leftovers(root, handles.map((handle) => handle.id));
      rmSync(root, { recursive: true, force: true });
      return found;
    },
  };
}

/** What a test may leave behind, which must be nothing: live conmons, runc state, mounts, cgroups. */
export function leftovers(root: string, ids: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(root) && state !== 'Z') found.push(`process ${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
    } catch {
      // The process left while we looked.
    }
  }
  const runcRoot = join(root, 'run', 'runc');
  if (existsSync(runcRoot)) for (const entry of readdirSync(runcRoot)) found.push(`runc state ${entry}`);
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) if (line.includes(root)) found.push(`mount ${line}`);
  for (const id of ids) {
    for (const controller of ['memory', 'pids', 'cpu', 'freezer']) {
      const path = join('/sys/fs/cgroup', controller, cgroupName(id));
      if (existsSync(path)) found.push(`cgroup ${path}`);
    }
  }
  return found;
}
