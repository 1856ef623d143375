import type { SeccompArgSpec, SeccompSpec, SeccompSyscallSpec } from './oci-types.js';
import type { ProfileArg, ProfileFilter, SeccompProfile } from './seccomp-profile.js';

/** The container and host facts a profile's conditions are checked against. */
export interface SeccompTarget {
  /** The native architecture in the profile's words: `amd64`, `arm64`, `x86`... (see nativeArchitecture). */
  architecture: string;
  /** The container's bounding capabilities, `CAP_` names. */
  capabilities: readonly string[];
  /** The host kernel's version, `[major, minor]`. */
  kernel: readonly [number, number];
}

/** Node's `process.arch` in the names profiles use in `includes.arches` (moby's goToNative). */
const nativeByNodeArch: Record<string, string> = {
  x64: 'amd64',
  ia32: 'x86',
  arm: 'arm',
  arm64: 'arm64',
  ppc64: 'ppc64le', // Node on Linux runs only little-endian ppc64
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64el: 'mipsel64',
  mipsel: 'mipsel',
};

/** libseccomp's name of each native architecture (moby's nativeToSeccomp), matched against archMap. */
const seccompByNative: Record<string, string> = {
  amd64: 'SCMP_ARCH_X86_64',
  x86: 'SCMP_ARCH_X86',
  arm: 'SCMP_ARCH_ARM',
  arm64: 'SCMP_ARCH_AARCH64',
  ppc64le: 'SCMP_ARCH_PPC64LE',
  s390x: 'SCMP_ARCH_S390X',
  riscv64: 'SCMP_ARCH_RISCV64',
  mipsel64: 'SCMP_ARCH_MIPSEL64',
  mipsel: 'SCMP_ARCH_MIPSEL',
};

export function nativeArchitecture(nodeArch: string = process.arch): string {
  return nativeByNodeArch[nodeArch] ?? nodeArch;
}

/**
 * Turns a Docker-format profile into the OCI `linux.seccomp` for one container, as Docker's
 * setupSeccomp does: the architectures of the native entry of archMap (with its sub-architectures),
 * and each syscall rule kept only when its `excludes` match nothing and its `includes` all match:
 * the architecture, every listed capability in the container's bounding set, the kernel at least
 * `minKernel`. Returns undefined for a profile with no default action and no rules (seccomp off).
 *
 * Unlike Docker 20.10, which drops it, `defaultErrnoRet` is carried over (runc 1.1.5 honours it):
 * containers-common's profile answers unknown syscalls with ENOSYS so that programs fall back
 * from syscalls newer than the profile, and EPERM would make them fail instead.
 */
export function seccompSpec(profile: SeccompProfile, target: SeccompTarget): SeccompSpec | undefined {
  if (!profile.defaultAction && !profile.syscalls?.length) return undefined;
  const spec: SeccompSpec = { defaultAction: profile.defaultAction, syscalls: [] };
  if (profile.defaultErrnoRet !== undefined) spec.defaultErrnoRet = profile.defaultErrnoRet;
  const architectures = profileArchitectures(profile, target.architecture);
  if (architectures.length > 0) spec.architectures = architectures;
  if (profile.flags?.length) spec.flags = [...profile.flags];
  if (profile.listenerPath) spec.listenerPath = profile.listenerPath;
  if (profile.listenerMetadata) spec.listenerMetadata = profile.listenerMetadata;
  for (const rule of profile.syscalls ?? []) {
    if (rule.excludes && matchesAny(rule.excludes, target)) continue;
    if (rule.includes && !matchesAll(rule.includes, target)) continue;
    const syscall: SeccompSyscallSpec = { names: rule.name ? [rule.name] : [...(rule.names ?? [])], action: rule.action };
    if (rule.errnoRet !== undefined) syscall.errnoRet = rule.errnoRet;
    if (rule.args?.length) syscall.args = rule.args.map(argSpec);
    spec.syscalls.push(syscall);
  }
  return spec;
}

function profileArchitectures(profile: SeccompProfile, native: string): string[] {
  if (profile.architectures?.length) return [...profile.architectures];
  const seccompName = seccompByNative[native];
  const entry = profile.archMap?.find((candidate) => candidate.architecture === seccompName);
  return entry ? [entry.architecture, ...(entry.subArchitectures ?? [])] : [];
}

/** `excludes`: any one condition that holds drops the rule. */
function matchesAny(filter: ProfileFilter, target: SeccompTarget): boolean {
  if (filter.arches?.includes(target.architecture)) return true;
  if (filter.caps?.some((name) => target.capabilities.includes(name))) return true;
  return filter.minKernel !== undefined && kernelAtLeast(target.kernel, filter.minKernel);
}

/** `includes`: every condition given must hold to keep the rule. */
function matchesAll(filter: ProfileFilter, target: SeccompTarget): boolean {
  if (filter.arches?.length && !filter.arches.includes(target.architecture)) return false;
  if (filter.caps?.length && !filter.caps.every((name) => target.capabilities.includes(name))) return false;
  return filter.minKernel === undefined || kernelAtLeast(target.kernel, filter.minKernel);
}

function kernelAtLeast(kernel: readonly [number, number], minimum: string): boolean {
  const [major = 0, minor = 0] = minimum.split('.').map(Number);
  return kernel[0] > major || (kernel[0] === major && kernel[1] >= minor);
}

/** Docker writes `valueTwo` only when it is set (Go's omitempty); runc reads a missing one as 0. */
function argSpec(arg: ProfileArg): SeccompArgSpec {
  const spec: SeccompArgSpec = { index: arg.index, value: arg.value, op: arg.op };
  if (arg.valueTwo) spec.valueTwo = arg.valueTwo;
  return spec;
}
