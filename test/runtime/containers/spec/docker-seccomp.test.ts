import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityNames, defaultCapabilities } from '../../../../src/runtime/containers/spec/capabilities.js';
import type { SeccompSpec } from '../../../../src/runtime/containers/spec/oci-types.js';
import { seccompSpec, type SeccompTarget } from '../../../../src/runtime/containers/spec/seccomp.js';
import { defaultSeccompProfilePath, loadSeccompProfile } from '../../../../src/runtime/containers/spec/seccomp-profile.js';

const amd64: SeccompTarget = { architecture: 'amd64', capabilities: defaultCapabilities, kernel: [6, 1] };
const withCapability = (capability: string): SeccompTarget => ({ ...amd64, capabilities: [...defaultCapabilities, capability] });

/** Each rule for syscall `name`: its action, `(errno)` and `[index op value/valueTwo...]` when it has them. */
function rulesFor(spec: SeccompSpec | undefined, name: string): string[] {
  return (spec?.syscalls ?? [])
    .filter((rule) => rule.names.includes(name))
    .map((rule) => {
      const errno = rule.errnoRet === undefined ? '' : `(${rule.errnoRet})`;
      const args = rule.args?.map((arg) => `${arg.index} ${arg.op} ${arg.value.toString(16)}/${(arg.valueTwo ?? 0).toString(16)}`).join(', ');
      return `${rule.action}${errno}${args ? ` [${args}]` : ''}`;
    });
}

describe("berth's default seccomp profile (Docker 20.10's, made from containers-common's)", () => {
  it('refuses mount, unshare, setns and the new mount API with EPERM unless the container has CAP_SYS_ADMIN', async () => {
    const profile = await loadSeccompProfile();
    for (const name of ['mount', 'umount2', 'unshare', 'setns', 'fsopen', 'move_mount']) {
      expect(rulesFor(seccompSpec(profile, amd64), name), name).toEqual(['SCMP_ACT_ERRNO(1)']);
      expect(rulesFor(seccompSpec(profile, withCapability('CAP_SYS_ADMIN')), name), name).toEqual(['SCMP_ACT_ALLOW']);
    }
  });

  it('refuses kernel modules without CAP_SYS_MODULE, and kexec and swap to every container', async () => {
    const profile = await loadSeccompProfile();
    for (const name of ['init_module', 'finit_module', 'delete_module', 'kexec_load', 'kexec_file_load', 'swapon', 'swapoff']) {
      expect(rulesFor(seccompSpec(profile, amd64), name), name).toEqual(['SCMP_ACT_ERRNO(1)']);
    }
    const everything = seccompSpec(profile, { ...amd64, capabilities: capabilityNames });
    expect(['kexec_load', 'swapon'].flatMap((name) => rulesFor(everything, name))).toEqual(['SCMP_ACT_ERRNO(1)', 'SCMP_ACT_ERRNO(1)']);
  });

  it('refuses keyctl and pivot_root whatever the capabilities, and reboot and syslog without the capability for them', async () => {
    const profile = await loadSeccompProfile();
    const everything = seccompSpec(profile, { ...amd64, capabilities: capabilityNames });
    expect([...rulesFor(everything, 'keyctl'), ...rulesFor(everything, 'pivot_root')]).toEqual(['SCMP_ACT_ERRNO(1)', 'SCMP_ACT_ERRNO(1)']);
    expect(rulesFor(seccompSpec(profile, amd64), 'reboot')).toEqual(['SCMP_ACT_ERRNO(1)']);
    expect(rulesFor(seccompSpec(profile, withCapability('CAP_SYS_BOOT')), 'reboot')).toEqual(['SCMP_ACT_ALLOW']);
    expect(rulesFor(seccompSpec(profile, amd64), 'syslog')).toEqual(['SCMP_ACT_ERRNO(1)']);
    expect(rulesFor(seccompSpec(profile, withCapability('CAP_SYSLOG')), 'syslog')).toEqual(['SCMP_ACT_ALLOW']);
  });

  it('allows io_uring and vmsplice, and sockets of every family, as Docker 20.10 does', async () => {
    const bare = seccompSpec(await loadSeccompProfile(), { ...amd64, capabilities: [] });
    expect(['io_uring_setup', 'vmsplice', 'socket'].flatMap((name) => rulesFor(bare, name))).toEqual(['SCMP_ACT_ALLOW', 'SCMP_ACT_ALLOW', 'SCMP_ACT_ALLOW']);
  });

  it('lets clone make no namespace without CAP_SYS_ADMIN, refusing each namespace flag with EPERM', async () => {
    const profile = await loadSeccompProfile();
    expect(rulesFor(seccompSpec(profile, amd64), 'clone')).toEqual([
      'SCMP_ACT_ALLOW [0 SCMP_CMP_MASKED_EQ 7e020000/0]',
      ...['20000', '2000000', '4000000', '8000000', '10000000', '20000000', '40000000'].map((flag) => `SCMP_ACT_ERRNO(1) [0 SCMP_CMP_MASKED_EQ ${flag}/${flag}]`),
    ]);
    // s390 passes the flags second.
    expect(rulesFor(seccompSpec(profile, { ...amd64, architecture: 's390x' }), 'clone')[0]).toBe('SCMP_ACT_ALLOW [1 SCMP_CMP_MASKED_EQ 7e020000/0]');
    expect(rulesFor(seccompSpec(profile, withCapability('CAP_SYS_ADMIN')), 'clone')).toEqual(['SCMP_ACT_ALLOW']);
  });

  it('answers clone3 with ENOSYS, so that libc falls back to clone, unless the container has CAP_SYS_ADMIN', async () => {
    const profile = await loadSeccompProfile();
    expect(rulesFor(seccompSpec(profile, amd64), 'clone3')).toEqual(['SCMP_ACT_ERRNO(38)']);
    expect(rulesFor(seccompSpec(profile, { ...amd64, architecture: 'mipsel64' }), 'clone3')).toEqual(['SCMP_ACT_ERRNO(89)']);
    expect(rulesFor(seccompSpec(profile, withCapability('CAP_SYS_ADMIN')), 'clone3')).toEqual(['SCMP_ACT_ALLOW']);
  });

  it('allows ptrace from Linux 4.8, and on older kernels only with CAP_SYS_PTRACE', async () => {
    const profile = await loadSeccompProfile();
    expect(rulesFor(seccompSpec(profile, amd64), 'ptrace')).toEqual(['SCMP_ACT_ALLOW']);
    expect(rulesFor(seccompSpec(profile, { ...amd64, kernel: [4, 4] }), 'ptrace')).toEqual(['SCMP_ACT_ERRNO(1)']);
    expect(rulesFor(seccompSpec(profile, { ...withCapability('CAP_SYS_PTRACE'), kernel: [4, 4] }), 'ptrace')).toEqual(['SCMP_ACT_ALLOW']);
  });

  it('never gives a syscall two unconditional rules with different actions, whatever the capabilities', async () => {
    const profile = await loadSeccompProfile();
    for (const capabilities of [[], defaultCapabilities, capabilityNames]) {
      const actions = new Map<string, Set<string>>();
      for (const rule of seccompSpec(profile, { ...amd64, capabilities })?.syscalls ?? []) {
        if (rule.args?.length) continue;
        for (const name of rule.names) actions.set(name, (actions.get(name) ?? new Set()).add(`${rule.action}${rule.errnoRet ?? ''}`));
      }
      expect([...actions].filter(([, each]) => each.size > 1).map(([name]) => name), `${capabilities.length} capabilities`).toEqual([]);
    }
  });

  it("takes a profile file other than containers-common's as it is", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'berth-seccomp-'));
    try {
      copyFileSync(defaultSeccompProfilePath, join(directory, 'seccomp.json'));
      const own = seccompSpec(await loadSeccompProfile(join(directory, 'seccomp.json')), amd64);
      expect(rulesFor(own, 'mount')).toEqual(['SCMP_ACT_ALLOW']);
      expect(own?.syscalls.some((rule) => rule.names.includes('io_uring_setup'))).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
