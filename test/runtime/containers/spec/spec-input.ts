import { capabilityNames } from '../../../../src/runtime/containers/spec/capabilities.js';
import type { RuntimeSpecInput } from '../../../../src/runtime/containers/spec/build-spec.js';
import type { HostFacts } from '../../../../src/runtime/containers/spec/host-facts.js';
import type { SeccompProfile } from '../../../../src/runtime/containers/spec/seccomp-profile.js';

/** A host like a usual Docker machine: kernel 6.1 on amd64, an engine holding every capability. */
export const fullHost: HostFacts = {
  lastCapability: 40,
  engineBounding: new Set(capabilityNames),
  canRaiseLimits: true,
  engineHardLimits: new Map([['RLIMIT_NOFILE', 524288n]]),
  nrOpen: 1048576,
  engineOomScoreAdj: 0,
  architecture: 'amd64',
  kernel: [6, 1],
  swapAccounting: true,
  kernelHas: { pingGroupRange: true, unprivilegedPortStart: true },
};

/** A small profile: one rule for everyone, one for CAP_SYS_ADMIN holders only. */
export const smallProfile: SeccompProfile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 38,
  archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] }],
  syscalls: [
    { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' },
    { names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
  ],
};

/** The busybox fixture's image config as dockerd shows it after import with `CMD ["sh"]` and `ENV PATH=...`. */
export const busyboxImage = { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] };

/** A plain busybox container: everything at its default. */
export function specInput(overrides: Partial<RuntimeSpecInput> = {}): RuntimeSpecInput {
  return {
    id: '0123456789abcdef0123456789abcdef',
    imageName: 'busybox',
    image: busyboxImage,
    config: {},
    hostConfig: {},
    rootfs: '/var/lib/berth/containers/0123/rootfs',
    user: { uid: 0, gid: 0, additionalGids: [0], home: '/root' },
    mounts: [],
    cgroupsPath: '/berth/0123456789abcdef0123456789abcdef',
    seccompProfile: smallProfile,
    host: fullHost,
    hostDevices: [],
    ...overrides,
  };
}
