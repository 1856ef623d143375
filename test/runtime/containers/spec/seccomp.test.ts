import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilityNames, defaultCapabilities } from '../../../../src/runtime/containers/spec/capabilities.js';
import { nativeArchitecture, seccompSpec, type SeccompTarget } from '../../../../src/runtime/containers/spec/seccomp.js';
import { defaultSeccompProfilePath, loadSeccompProfile, parseSeccompProfile, type SeccompProfile } from '../../../../src/runtime/containers/spec/seccomp-profile.js';
import type { SeccompSpec } from '../../../../src/runtime/containers/spec/oci-types.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const amd64: SeccompTarget = { architecture: 'amd64', capabilities: defaultCapabilities, kernel: [6, 1] };

/** The actions a converted profile gives one syscall, in order (a rule with args is `action(args)`). */
function actionsFor(spec: SeccompSpec | undefined, name: string): string[] {
  return (spec?.syscalls ?? []).filter((rule) => rule.names.includes(name)).map((rule) => (rule.args ? `${rule.action}(args)` : rule.action));
}

/** containers-common's profile as given, as when a user passes it in security_opt. */
const containersCommon = (): SeccompProfile => parseSeccompProfile(readFileSync(defaultSeccompProfilePath, 'utf8'), 'test');

describe("converting containers-common's default profile", () => {
  it('allows a CAP_SYS_ADMIN syscall only to a container with that capability', async () => {
    const profile = await loadSeccompProfile();
    expect(actionsFor(seccompSpec(profile, amd64), 'setns')).toEqual(['SCMP_ACT_ERRNO']);
    expect(seccompSpec(profile, amd64)?.syscalls.find((rule) => rule.names.includes('bpf'))).toMatchObject({ action: 'SCMP_ACT_ERRNO', errnoRet: 1 });
    const admin = seccompSpec(profile, { ...amd64, capabilities: [...defaultCapabilities, 'CAP_SYS_ADMIN'] });
    expect(actionsFor(admin, 'setns')).toEqual(['SCMP_ACT_ALLOW']);
    expect(admin?.syscalls.find((rule) => rule.names.includes('bpf'))).toEqual({
      names: ['bpf', 'fanotify_init', 'lookup_dcookie', 'perf_event_open', 'quotactl', 'setdomainname', 'sethostname'],
      action: 'SCMP_ACT_ALLOW',
    });
  });

  it("limits socket(AF_NETLINK, ..., NETLINK_AUDIT) in containers-common's own profile unless the container has CAP_AUDIT_WRITE", () => {
    expect(actionsFor(seccompSpec(containersCommon(), amd64), 'socket')).toEqual(['SCMP_ACT_ALLOW']);
    expect(actionsFor(seccompSpec(containersCommon(), { ...amd64, capabilities: [] }), 'socket')).toEqual([
      'SCMP_ACT_ERRNO(args)', 'SCMP_ACT_ALLOW(args)', 'SCMP_ACT_ALLOW(args)', 'SCMP_ACT_ALLOW(args)',
    ]);
  });

  it('keeps the native architecture with its sub-architectures, and rules for it only', async () => {
    const profile = await loadSeccompProfile();
    const x86 = seccompSpec(profile, amd64);
    expect(x86?.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(actionsFor(x86, 'arch_prctl')).toEqual(['SCMP_ACT_ALLOW']);
    expect(actionsFor(x86, 'cacheflush')).toEqual([]);
    const arm = seccompSpec(profile, { ...amd64, architecture: 'arm64' });
    expect(arm?.architectures).toEqual(['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
    expect(actionsFor(arm, 'arch_prctl')).toEqual([]);
    expect(actionsFor(arm, 'cacheflush')).toEqual(['SCMP_ACT_ALLOW']);
  });

  it('keeps the default action and its errno, and writes rules as Docker does', async () => {
    const spec = seccompSpec(await loadSeccompProfile(), amd64);
    expect(spec).toMatchObject({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 38 });
    // Docker leaves out empty args and a zero valueTwo, and the profile's `comment` and `errno` names.
    expect(spec?.syscalls.find((rule) => rule.names.includes('personality'))).toEqual({ names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0, op: 'SCMP_CMP_EQ' }] });
    expect(spec?.syscalls.find((rule) => rule.names.includes('read'))).toEqual({ names: expect.arrayContaining(['read', 'write']) as string[], action: 'SCMP_ACT_ALLOW' });
  });

  it('resolves the architecture of this machine', () => {
    expect(nativeArchitecture('x64')).toBe('amd64');
    expect(nativeArchitecture('arm64')).toBe('arm64');
    expect(nativeArchitecture('ia32')).toBe('x86');
  });
});

describe('profile conditions', () => {
  const profile = (rule: object): SeccompProfile => parseSeccompProfile(JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [rule] }), 'test');

  it('keeps a rule whose minKernel the host reaches, and drops one it does not', () => {
    const rule = { names: ['landlock_create_ruleset'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '5.13' } };
    expect(seccompSpec(profile(rule), { ...amd64, kernel: [5, 13] })?.syscalls).toHaveLength(1);
    expect(seccompSpec(profile(rule), { ...amd64, kernel: [6, 0] })?.syscalls).toHaveLength(1);
    expect(seccompSpec(profile(rule), { ...amd64, kernel: [5, 12] })?.syscalls).toHaveLength(0);
    const excluded = { names: ['x'], action: 'SCMP_ACT_ERRNO', excludes: { minKernel: '5.13' } };
    expect(seccompSpec(profile(excluded), { ...amd64, kernel: [5, 12] })?.syscalls).toHaveLength(1);
    expect(seccompSpec(profile(excluded), { ...amd64, kernel: [5, 13] })?.syscalls).toHaveLength(0);
  });

  it('needs every included capability, and drops a rule for any excluded one', () => {
    const both = { names: ['x'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'] } };
    expect(seccompSpec(profile(both), { ...amd64, capabilities: ['CAP_SYS_ADMIN'] })?.syscalls).toHaveLength(0);
    expect(seccompSpec(profile(both), { ...amd64, capabilities: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'] })?.syscalls).toHaveLength(1);
    const notEither = { names: ['x'], action: 'SCMP_ACT_ERRNO', excludes: { caps: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'] } };
    expect(seccompSpec(profile(notEither), { ...amd64, capabilities: ['CAP_SYS_PTRACE'] })?.syscalls).toHaveLength(0);
    expect(seccompSpec(profile(notEither), { ...amd64, capabilities: capabilityNames.slice(0, 5) })?.syscalls).toHaveLength(1);
  });

  it("takes a rule's single `name`, and a flat `architectures` list", () => {
    const spec = seccompSpec(parseSeccompProfile(JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ name: 'kexec_load', action: 'SCMP_ACT_ERRNO' }] }), 'test'), amd64);
    expect(spec).toEqual({ defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['kexec_load'], action: 'SCMP_ACT_ERRNO' }] });
  });

  it('turns seccomp off for a profile with no default action and no rules', () => {
    expect(seccompSpec(parseSeccompProfile('{}', 'test'), amd64)).toBeUndefined();
  });

  it('refuses a profile that is not JSON, or mixes the two architecture forms, saying what is wrong', () => {
    expect(berthErrorOf(() => parseSeccompProfile('/etc/profile.json', 'security_opt')).message).toMatch(/^the seccomp profile from security_opt is invalid: it is not JSON/);
    expect(berthErrorOf(() => parseSeccompProfile(JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], archMap: [{ architecture: 'SCMP_ARCH_X86_64' }] }), 'p.json')).message).toBe(
      "the seccomp profile from p.json is invalid: it has both 'architectures' and 'archMap'; use one",
    );
    expect(berthErrorOf(() => profile({ names: ['x'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: 'five' } })).code).toBe('SECCOMP_PROFILE_INVALID');
  });

  it('says how to get the default profile when it is missing', async () => {
    await expect(loadSeccompProfile('/nonexistent/seccomp.json')).rejects.toMatchObject({ code: 'SECCOMP_PROFILE_MISSING', hint: expect.stringContaining('golang-github-containers-common') as string });
  });
});
