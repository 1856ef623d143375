import { existsSync, readFileSync } from 'node:fs';
import type { HostFacts } from './host-facts.js';

/**
 * What the kernel lets berth's containers be limited by, in `/info`'s names. The docker CLI warns
 * of each one false ("WARNING: No swap limit support"), so these say what this host and berth
 * really do: the limits berth's spec sets where the cgroup controller is there, and no OOM-killer
 * switch (berth does not set one).
 */
export interface KernelSupport {
  MemoryLimit: boolean;
  SwapLimit: boolean;
  KernelMemory: boolean;
  KernelMemoryTCP: boolean;
  CpuCfsPeriod: boolean;
  CpuCfsQuota: boolean;
  CPUShares: boolean;
  CPUSet: boolean;
  PidsLimit: boolean;
  OomKillDisable: boolean;
  IPv4Forwarding: boolean;
  BridgeNfIptables: boolean;
  BridgeNfIp6tables: boolean;
}

const root = '/sys/fs/cgroup';

export function kernelSupport(host: HostFacts): KernelSupport {
  const controllers = host.cgroupVersion === '2' ? unifiedControllers() : undefined;
  const v1 = (path: string): boolean => existsSync(`${root}/${path}`);
  const has = (controller: string, v1Path: string): boolean => (controllers ? controllers.has(controller) : v1(v1Path));
  return {
    MemoryLimit: has('memory', 'memory/memory.limit_in_bytes'),
    SwapLimit: controllers ? controllers.has('memory') : v1('memory/memory.memsw.limit_in_bytes'),
    KernelMemory: false,
    KernelMemoryTCP: false,
    CpuCfsPeriod: has('cpu', 'cpu/cpu.cfs_period_us'),
    CpuCfsQuota: has('cpu', 'cpu/cpu.cfs_quota_us'),
    CPUShares: has('cpu', 'cpu/cpu.shares'),
    CPUSet: has('cpuset', 'cpuset/cpuset.cpus'),
    PidsLimit: has('pids', 'pids'),
    OomKillDisable: false,
    // These two change while the daemon runs (berth turns forwarding on at its first network).
    IPv4Forwarding: sysctlIsOne('/proc/sys/net/ipv4/ip_forward'),
    BridgeNfIptables: sysctlIsOne('/proc/sys/net/bridge/bridge-nf-call-iptables'),
    BridgeNfIp6tables: sysctlIsOne('/proc/sys/net/bridge/bridge-nf-call-ip6tables'),
  };
}

function unifiedControllers(): Set<string> {
  return new Set(readFileSync(`${root}/cgroup.controllers`, 'utf8').trim().split(/\s+/));
}

function sysctlIsOne(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim() === '1';
  } catch {
    return false;
  }
}
