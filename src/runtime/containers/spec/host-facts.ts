import { access, readFile } from 'node:fs/promises';
import { capabilitiesFromMask, type CapabilityHost } from './capabilities.js';
import type { LimitHost } from './process-limits.js';
import { nativeArchitecture } from './seccomp.js';

/** What the spec depends on about this machine and the engine process; read once per engine. */
export interface HostFacts extends CapabilityHost, LimitHost {
  /** `amd64`, `arm64`...: the architecture the seccomp profile is resolved for. */
  architecture: string;
  kernel: readonly [number, number];
  /** The kernel accounts swap in the memory cgroup (memory.memsw.* exist). */
  swapAccounting: boolean;
  /** Which of Docker's default network sysctls this kernel has. */
  kernelHas: { pingGroupRange: boolean; unprivilegedPortStart: boolean };
}

/** /proc/self/limits row labels, by the rlimit they show. */
const limitLabels: Record<string, string> = {
  'Max cpu time': 'RLIMIT_CPU',
  'Max file size': 'RLIMIT_FSIZE',
  'Max data size': 'RLIMIT_DATA',
  'Max stack size': 'RLIMIT_STACK',
  'Max core file size': 'RLIMIT_CORE',
  'Max resident set': 'RLIMIT_RSS',
  'Max processes': 'RLIMIT_NPROC',
  'Max open files': 'RLIMIT_NOFILE',
  'Max locked memory': 'RLIMIT_MEMLOCK',
  'Max address space': 'RLIMIT_AS',
  'Max file locks': 'RLIMIT_LOCKS',
  'Max pending signals': 'RLIMIT_SIGPENDING',
  'Max msgqueue size': 'RLIMIT_MSGQUEUE',
  'Max nice priority': 'RLIMIT_NICE',
  'Max realtime priority': 'RLIMIT_RTPRIO',
  'Max realtime timeout': 'RLIMIT_RTTIME',
};

const capSysResource = 24;

/** Reads the facts from /proc and /sys for the calling process (the engine). */
export async function readHostFacts(): Promise<HostFacts> {
  const [lastCap, status, limits, nrOpen, oomScoreAdj, release, swapAccounting, pingGroupRange, unprivilegedPortStart] = await Promise.all([
    readFile('/proc/sys/kernel/cap_last_cap', 'utf8'),
    readFile('/proc/self/status', 'utf8'),
    readFile('/proc/self/limits', 'utf8'),
    readFile('/proc/sys/fs/nr_open', 'utf8'),
    readFile('/proc/self/oom_score_adj', 'utf8'),
    readFile('/proc/sys/kernel/osrelease', 'utf8'),
    exists('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'),
    exists('/proc/sys/net/ipv4/ping_group_range'),
    exists('/proc/sys/net/ipv4/ip_unprivileged_port_start'),
  ]);
  const effective = BigInt(`0x${statusField(status, 'CapEff')}`);
  const [major = 0, minor = 0] = release.trim().split(/[.-]/).map(Number);
  return {
    lastCapability: Number(lastCap.trim()),
    engineBounding: capabilitiesFromMask(statusField(status, 'CapBnd')),
    canRaiseLimits: ((effective >> BigInt(capSysResource)) & 1n) === 1n,
    engineHardLimits: parseLimits(limits),
    nrOpen: Number(nrOpen.trim()),
    engineOomScoreAdj: Number(oomScoreAdj.trim()),
    architecture: nativeArchitecture(),
    kernel: [major, minor],
    swapAccounting,
    kernelHas: { pingGroupRange, unprivilegedPortStart },
  };
}

/** Hard limits from /proc/PID/limits text; `unlimited` is RLIM_INFINITY. */
export function parseLimits(text: string): Map<string, bigint> {
  const limits = new Map<string, bigint>();
  for (const line of text.split('\n')) {
    const label = Object.keys(limitLabels).find((candidate) => line.startsWith(`${candidate} `));
    if (label === undefined) continue;
    const hard = line.slice(label.length).trim().split(/\s+/)[1];
    if (hard === undefined) continue;
    limits.set(limitLabels[label] as string, hard === 'unlimited' ? 2n ** 64n - 1n : BigInt(hard));
  }
  return limits;
}

function statusField(status: string, field: string): string {
  const match = new RegExp(`^${field}:\\s*([0-9a-f]+)$`, 'm').exec(status);
  return match?.[1] ?? '0';
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
