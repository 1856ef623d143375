import type { ProfileArg, ProfileSyscall, SeccompProfile } from './seccomp-profile.js';

/**
 * berth's default seccomp profile is Docker 20.10's default in effect, made from the profile
 * Debian's containers-common ships (Podman's default), which is looser: it lets any container
 * mount, unshare, pivot_root, use the kernel keyring or reboot, where Docker asks for
 * CAP_SYS_ADMIN or CAP_SYS_BOOT or refuses outright. Docker's own profile is compiled into dockerd;
 * Debian ships it only in golang-github-docker-docker-dev, whose Go source tree pulls in some 260
 * packages. So berth keeps containers-common's file and replaces the rules of the syscalls whose
 * treatment differs with Docker's, listed below from moby 20.10's profiles/seccomp/default.json.
 * test/runtime/containers/spec/seccomp-parity.test.ts checks the result against a running dockerd.
 *
 * One difference stays on purpose: a syscall neither profile names (one newer than both) fails
 * with containers-common's ENOSYS, so that programs fall back to an older call, where Docker 20.10
 * says EPERM. Every syscall named here that Docker refuses is refused with EPERM, as in Docker.
 */

const EPERM = 1;
const ENOSYS = 38;
/** ENOSYS on the MIPS ABIs, which number errnos differently. */
const mipsENOSYS = 89;
/** Docker's list spells the last one "mips3l64n32", which matches no architecture. */
const mips = ['mips64', 'mips64n32', 'mipsel', 'mipsel64', 'mipsel64n32'];
const s390 = ['s390', 's390x'];
/** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
const namespaceFlags = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];

/** Allowed only with one of `capabilities`, as Docker does, and refused with EPERM without. */
function allowedWith(capabilities: string[], names: string[]): ProfileSyscall[] {
  return [
    ...capabilities.map((capability) => ({ names, action: 'SCMP_ACT_ALLOW', includes: { caps: [capability] } })),
    { names, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM, excludes: { caps: capabilities } },
  ];
}

/**
 * clone: any flags with CAP_SYS_ADMIN, else none that makes a namespace. Docker refuses the rest
 * through its EPERM default; berth, whose default is ENOSYS, says EPERM once per namespace flag.
 */
function cloneRules(): ProfileSyscall[] {
  const admin = ['CAP_SYS_ADMIN'];
  const allFlags = namespaceFlags.reduce((mask, flag) => mask | flag, 0);
  const masked = (index: number, value: number, valueTwo: number): ProfileArg[] => [{ index, value, valueTwo, op: 'SCMP_CMP_MASKED_EQ' }];
  const flagsAt = [
    { index: 0, when: { excludes: { caps: admin, arches: s390 } } },
    // s390 passes the flags second.
    { index: 1, when: { includes: { arches: s390 }, excludes: { caps: admin } } },
  ];
  return [
    { names: ['clone'], action: 'SCMP_ACT_ALLOW', includes: { caps: admin } },
    ...flagsAt.flatMap(({ index, when }) => [
      { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: masked(index, allFlags, 0), ...when },
      ...namespaceFlags.map((flag) => ({ names: ['clone'], action: 'SCMP_ACT_ERRNO', errnoRet: EPERM, args: masked(index, flag, flag), ...when })),
    ]),
  ];
}

/** Docker 20.10's rules for every syscall it treats differently from containers-common 0.50. */
const dockerRules: readonly ProfileSyscall[] = [
  // Refused whatever the capabilities. keyctl: the kernel keyring is not namespaced. pivot_root:
  // changing the root is the runtime's job. pkey_*: allowed only from Docker 23. clock_settime64:
  // missing from 20.10's CAP_SYS_TIME rule. query_module: gone since Linux 2.6. The rest are old
  // calls that newer ones replaced, and MIPS's indirect `syscall`.
  {
    names: ['clock_settime64', 'keyctl', 'pivot_root', 'pkey_alloc', 'pkey_free', 'pkey_mprotect', 'query_module', 'readdir', 'sigaction', 'signal', 'sigpending', 'sigsuspend', 'syscall', 'timerfd'],
    action: 'SCMP_ACT_ERRNO',
    errnoRet: EPERM,
  },
  // Allowed always, which containers-common refuses (or does not name, so ENOSYS): io_uring and the
  // like; socket of every family, where containers-common refuses audit netlink sockets without
  // CAP_AUDIT_WRITE.
  { names: ['futex_waitv', 'io_pgetevents', 'io_pgetevents_time64', 'io_uring_enter', 'io_uring_register', 'io_uring_setup', 'socket', 'vmsplice'], action: 'SCMP_ACT_ALLOW' },
  // Allowed only with a capability, where containers-common allows them to every container.
  ...allowedWith(['CAP_SYS_ADMIN'], [
    'fsconfig', 'fsmount', 'fsopen', 'fspick', 'mount', 'mount_setattr', 'move_mount', 'name_to_handle_at', 'open_tree', 'quotactl_fd', 'setns', 'umount', 'umount2', 'unshare',
  ]),
  ...allowedWith(['CAP_SYS_ADMIN', 'CAP_SYSLOG'], ['syslog']),
  ...allowedWith(['CAP_SYS_BOOT'], ['reboot']),
  ...allowedWith(['CAP_SYS_NICE'], ['get_mempolicy', 'mbind', 'set_mempolicy']),
  ...allowedWith(['CAP_SYS_PTRACE'], ['pidfd_getfd', 'process_vm_readv', 'process_vm_writev']),
  // ptrace could escape seccomp before Linux 4.8, so older kernels need CAP_SYS_PTRACE.
  { names: ['ptrace'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '4.8' } },
  { names: ['ptrace'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_PTRACE'] } },
  { names: ['ptrace'], action: 'SCMP_ACT_ERRNO', errnoRet: EPERM, excludes: { caps: ['CAP_SYS_PTRACE'], minKernel: '4.8' } },
  ...cloneRules(),
  // clone3 passes its flags in memory seccomp cannot read: refused with ENOSYS, so that libc falls
  // back to clone, unless the container has CAP_SYS_ADMIN.
  { names: ['clone3'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
  { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, excludes: { caps: ['CAP_SYS_ADMIN'], arches: mips } },
  { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: mipsENOSYS, includes: { arches: mips }, excludes: { caps: ['CAP_SYS_ADMIN'] } },
];

/** The syscalls whose rules dockerRules replaces. */
const dockerRuleNames: ReadonlySet<string> = new Set(dockerRules.flatMap((rule) => rule.names ?? []));

/** containers-common's `profile` with the rules of dockerRuleNames replaced by Docker 20.10's. */
export function asDockerDefault(profile: SeccompProfile): SeccompProfile {
  const kept = (profile.syscalls ?? [])
    .map((rule) => {
      const { name, ...rest } = rule;
      return { ...rest, names: (name ? [name] : (rule.names ?? [])).filter((each) => !dockerRuleNames.has(each)) };
    })
    .filter((rule) => rule.names.length > 0);
  return { ...profile, syscalls: [...kept, ...dockerRules] };
}
