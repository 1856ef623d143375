import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerConfig, HostConfig } from '../../../../src/api/types/containers.js';
import { createRuntimeSpec, type ContainerMount, type HostFacts, type RuntimeSpec } from '../../../../src/runtime/containers/spec/index.js';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';
import { usersGroup, usersPasswd } from './account-fixture.js';
import type { RuncLab, RuncRun } from './runc-lab.js';
import { busyboxImage } from './spec-input.js';

export interface LabContainer {
  config?: ContainerConfig;
  hostConfig?: HostConfig;
  mounts?: ContainerMount[];
  /** A root filesystem tar other than busybox's. */
  tarball?: string;
}

/** Builds the spec of a busybox container from its config with createRuntimeSpec, as the engine will. */
export async function labSpec(lab: RuncLab, host: HostFacts, container: LabContainer): Promise<{ id: string; spec: RuntimeSpec }> {
  const id = `spec-${randomBytes(6).toString('hex')}`;
  const spec = await createRuntimeSpec({
    id,
    imageName: 'berth-fixture/busybox:1',
    image: busyboxImage,
    config: container.config ?? {},
    hostConfig: container.hostConfig ?? {},
    rootfs: lab.rootfs(container.tarball),
    mounts: container.mounts ?? [],
    cgroupsPath: lab.cgroupsPath(id),
    host,
  });
  return { id, spec };
}

/** Runs a busybox container to its exit under runc. */
export async function runInLab(lab: RuncLab, host: HostFacts, container: LabContainer): Promise<RuncRun> {
  const { id, spec } = await labSpec(lab, host, container);
  return lab.run(id, spec);
}

/** `sh -c script` as the container's command. */
export function shell(script: string): ContainerConfig {
  return { Cmd: ['sh', '-c', script] };
}

/** The lines of /proc/self/status a user reads for a process's privileges. */
export function statusFields(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^(\w+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}

export const statusScript = "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status";

/** The busybox root with the accounts of account-fixture.ts, as a tar in `directory` (the `users` image). */
export function usersTarball(directory: string): string {
  const root = mkdtempSync(join(directory, 'users-root-'));
  execFileSync('tar', ['--extract', `--file=${busyboxTarball()}`, `--directory=${root}`]);
  mkdirSync(join(root, 'home/app'), { recursive: true });
  writeFileSync(join(root, 'etc/passwd'), usersPasswd);
  writeFileSync(join(root, 'etc/group'), usersGroup);
  const tarball = join(directory, 'users.tar');
  execFileSync('tar', ['--create', `--file=${tarball}`, `--directory=${root}`, '--numeric-owner', '.']);
  return tarball;
}
