import { describeAsRoot } from '../../../harness/root.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HostConfig } from '../../../../src/api/types/containers.js';
import { capabilityNames } from '../../../../src/runtime/containers/spec/capabilities.js';
import { createRuntimeSpec, readHostFacts, type HostFacts } from '../../../../src/runtime/containers/spec/index.js';
import type { SeccompSpec } from '../../../../src/runtime/containers/spec/oci-types.js';
import { startDockerEngine, type DockerTestEngine } from '../../../harness/docker-engine.js';
import { engineRequest } from '../../../harness/engine-http.js';
import { ensureBusyboxImage } from '../../../harness/fixture-images.js';
import { call } from '../../../harness/raw-calls.js';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';
import { busyboxImage } from './spec-input.js';

/**
 * berth's default seccomp profile beside the one dockerd 20.10 compiles in, resolved for the same
 * container. Docker's comes from the config.json its runc would get: a runtime added to this
 * dockerd copies the file and fails, so no container runs and a capability this machine's engine
 * lacks still shows its rules.
 *
 * "In effect": berth answers a syscall neither profile names with ENOSYS where Docker 20.10 says
 * EPERM (see docker-seccomp.ts), so berth states EPERM in rules of its own where Docker leaves it
 * to its default. Rules whose action is EPERM are therefore set aside on both sides, after checking
 * that none of berth's competes with another unconditional rule for the same syscall.
 */
interface SeccompEffect {
  defaultAction: string;
  architectures: string[];
  /** `name action args`, sorted, without duplicates. */
  rules: string[];
}

/** Capabilities Docker 20.10 does not know yet (it refuses them in cap_add). */
const unknownToDocker = new Set(['CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE']);

describeAsRoot("berth's default seccomp profile beside Docker 20.10's", () => {
  let engine: DockerTestEngine | undefined;
  let host: HostFacts;
  let directory: string;
  let rootfs: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'berth-seccomp-parity-'));
    engine = await startDockerEngine({ dockerdArgs: [`--add-runtime=capture=${captureRuntime(directory)}`] });
    await ensureBusyboxImage(engine);
    host = await readHostFacts();
    rootfs = join(directory, 'rootfs');
    mkdirSync(rootfs);
    execFileSync('tar', ['--extract', '--numeric-owner', `--file=${busyboxTarball()}`, `--directory=${rootfs}`]);
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    rmSync(directory, { recursive: true, force: true });
  }, 60_000);

  /** The linux.seccomp dockerd writes for a busybox container with `hostConfig`. */
  async function dockerSeccomp(hostConfig: HostConfig): Promise<SeccompSpec | undefined> {
    if (!engine) throw new Error('the test engine is not running');
    const created = await call(engine, 'POST', '/containers/create', { Image: 'berth-fixture/busybox:1', Cmd: ['true'], HostConfig: { ...hostConfig, Runtime: 'capture' } });
    const { Id } = JSON.parse(created) as { Id: string };
    // The capture runtime fails on purpose, so dockerd answers 500 once it has written the spec.
    await engineRequest(engine.endpoint, { method: 'POST', path: `/containers/${Id}/start` });
    await call(engine, 'DELETE', `/containers/${Id}?force=1`);
    const captured = join(directory, 'captured', `${Id}.json`);
    if (!existsSync(captured)) throw new Error(`dockerd did not hand the capture runtime a spec for HostConfig ${JSON.stringify(hostConfig)}`);
    return (JSON.parse(readFileSync(captured, 'utf8')) as { linux: { seccomp?: SeccompSpec } }).linux.seccomp;
  }

  /** The linux.seccomp berth makes for the same container, by default from an engine holding `engineBounding`. */
  async function berthSeccomp(hostConfig: HostConfig, engineBounding = host.engineBounding): Promise<SeccompSpec | undefined> {
    const spec = await createRuntimeSpec({
      id: 'seccomp-parity', imageName: 'busybox', image: busyboxImage, config: { Cmd: ['true'] }, hostConfig,
      rootfs, mounts: [], cgroupsPath: '/seccomp-parity', host: { ...host, engineBounding },
    });
    return spec.linux.seccomp;
  }

  it("gives a container with Docker's default capabilities Docker's seccomp rules", async () => {
    const berth = effect(await berthSeccomp({}));
    expect(berth?.rules).not.toContain('mount SCMP_ACT_ALLOW []');
    expect(berth).toEqual(effect(await dockerSeccomp({})));
  });

  it('lets cap_add SYS_ADMIN open the syscalls Docker opens with it', async () => {
    expect(effect(await berthSeccomp({ CapAdd: ['SYS_ADMIN'] }))).toEqual(effect(await dockerSeccomp({ CapAdd: ['SYS_ADMIN'] })));
  });

  it('gives a privileged container no seccomp, as Docker does', async () => {
    expect(await dockerSeccomp({ Privileged: true })).toBeUndefined();
    expect(await berthSeccomp({ Privileged: true })).toBeUndefined();
  });

  it.each(capabilityNames.filter((name) => !unknownToDocker.has(name)))('follows Docker for a container holding only %s', async (capability) => {
    const hostConfig = { CapDrop: ['ALL'], CapAdd: [capability] };
    expect(effect(await berthSeccomp(hostConfig, new Set(capabilityNames)))).toEqual(effect(await dockerSeccomp(hostConfig)));
  });
});

/**
 * A runtime for dockerd that copies the bundle's config.json to `directory`/captured/<id>.json and
 * fails; containerd's shim calls it as `<runtime> [global options] create --bundle <path> ... <id>`.
 */
function captureRuntime(directory: string): string {
  const captured = join(directory, 'captured');
  const script = join(directory, 'capture-runtime');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'previous=',
      'for argument in "$@"; do',
      `  if [ "$previous" = --bundle ]; then mkdir -p '${captured}' && cp "$argument/config.json" '${captured}'/"$(basename "$argument")".json; echo 'spec captured' >&2; exit 1; fi`,
      '  previous=$argument',
      'done',
      'echo "capture runtime: nothing to do for $*" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return script;
}

/** What a profile does, as comparable text; fails when one of berth's EPERM rules competes with another rule. */
function effect(seccomp: SeccompSpec | undefined): SeccompEffect | undefined {
  if (!seccomp) return undefined;
  const isEperm = (rule: SeccompSpec['syscalls'][number]) => rule.action === 'SCMP_ACT_ERRNO' && (rule.errnoRet ?? 1) === 1;
  const unconditional = new Map<string, Set<string>>();
  for (const rule of seccomp.syscalls.filter((each) => !each.args?.length)) {
    for (const name of rule.names) unconditional.set(name, (unconditional.get(name) ?? new Set()).add(`${rule.action}(${rule.errnoRet ?? ''})`));
  }
  const competing = [...unconditional].filter(([, actions]) => actions.size > 1).map(([name]) => name);
  expect(competing, 'syscalls with unconditional rules of different actions').toEqual([]);
  const rules = seccomp.syscalls
    .filter((rule) => !isEperm(rule))
    .flatMap((rule) => rule.names.map((name) => `${name} ${rule.action}${rule.errnoRet === undefined ? '' : `(${rule.errnoRet})`} ${JSON.stringify(rule.args ?? [])}`));
  return { defaultAction: seccomp.defaultAction, architectures: seccomp.architectures ?? [], rules: [...new Set(rules)].sort() };
}
