import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';
import { runtimeSpecJson, type RuntimeSpec } from '../../../../src/runtime/containers/spec/index.js';

export interface RuncRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A scratch place to run specs with the real runc, as root: root filesystems extracted from a tar,
 * bundles, runc's state directory and a cgroup parent of its own. Everything it made goes in
 * afterEach (containers, bundles) and afterAll (the directory, the cgroup parents), and afterAll
 * fails if a container, a cgroup or a process of the lab is left.
 */
export interface RuncLab {
  /** A fresh root filesystem extracted from `tarball` (the busybox fixture by default). */
  rootfs(tarball?: string): string;
  /** The cgroupsPath for container `id`, under the lab's own parent. */
  cgroupsPath(id: string): string;
  /** A fresh directory for files to bind-mount. */
  directory(): string;
  /** `runc run` of `spec` as container `id`, stdout and stderr captured, to its exit. */
  run(id: string, spec: RuntimeSpec): Promise<RuncRun>;
}

const runcTimeoutMs = 20_000;

export function useRuncLab(): () => RuncLab {
  let base = '';
  let stateRoot = '';
  const cgroupParent = `berth-spec-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const started: string[] = [];

  const lab: RuncLab = {
    rootfs(tarball = busyboxTarball()) {
      const rootfs = mkdtempSync(join(base, 'rootfs-'));
      execFileSync('tar', ['--extract', '--numeric-owner', '--same-owner', `--file=${tarball}`, `--directory=${rootfs}`]);
      return rootfs;
    },
    cgroupsPath: (id) => `/${cgroupParent}/${id}`,
    directory: () => mkdtempSync(join(base, 'files-')),
    async run(id, spec) {
      const bundle = join(base, `bundle-${id}`);
      mkdirSync(bundle);
      writeFileSync(join(bundle, 'config.json'), runtimeSpecJson(spec));
      started.push(id);
      return runc(['--root', stateRoot, 'run', '--bundle', bundle, id]);
    },
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'berth-spec-runc-'));
    stateRoot = join(base, 'state');
  });
  afterEach(() => {
    for (const id of started.splice(0)) {
      execFileSync('runc', ['--root', stateRoot, 'delete', '--force', id], { stdio: 'ignore' });
    }
  });
  afterAll(() => {
    const left = existsSync(stateRoot) ? readdirSync(stateRoot) : [];
    const stuck: string[] = [];
    for (const controller of readdirSync('/sys/fs/cgroup')) {
      const parent = join('/sys/fs/cgroup', controller, cgroupParent);
      if (!existsSync(parent)) continue;
      // A cgroup goes with rmdir, and only once no container cgroup is left inside it.
      try {
        rmdirSync(parent);
      } catch {
        stuck.push(controller);
      }
    }
    rmSync(base, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`runc state left behind: ${left.join(', ')}`);
    if (stuck.length > 0) throw new Error(`cgroups left behind under /${cgroupParent} in ${stuck.join(', ')}`);
  });
  return () => lab;
}

function runc(args: string[]): Promise<RuncRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('runc', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), runcTimeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
}
