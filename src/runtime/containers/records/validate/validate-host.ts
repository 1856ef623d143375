import type { HostConfig } from '../../../../api/types/containers.js';
import { invalidConfig } from './config-error.js';

/** Docker's smallest memory limit and reservation: 6 MiB. */
const minimumMemory = 6 * 1024 * 1024;
const ulimitNames = ['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack'];
/** The System V IPC sysctls, namespaced with the IPC namespace (runc's list). */
const ipcSysctls = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];

export interface HostFacts {
  /** CPUs the engine's host has: NanoCpus cannot ask for more. */
  cpus: number;
}

/** HostConfig's restart policy, limits and kernel settings, with Docker's texts. */
export function validateHost(host: HostConfig, facts: HostFacts): void {
  validateRestart(host);
  validateMemory(host);
  validateCpus(host, facts);
  if (host.ShmSize !== undefined && host.ShmSize < 0) throw invalidConfig('HostConfig.ShmSize', host.ShmSize, 'SHM size can not be less than 0', 'give bytes, e.g. 67108864 for 64 MiB, or 0 for the default');
  if (host.OomScoreAdj !== undefined && (host.OomScoreAdj < -1000 || host.OomScoreAdj > 1000)) {
    throw invalidConfig('HostConfig.OomScoreAdj', host.OomScoreAdj, `Invalid value ${host.OomScoreAdj}, range for oom score adj is [-1000, 1000]`, 'give a value from -1000 to 1000');
  }
  validateSysctls(host);
  validateUlimits(host);
}

function validateRestart(host: HostConfig): void {
  const policy = host.RestartPolicy;
  const name = policy?.Name ?? '';
  const retries = policy?.MaximumRetryCount ?? 0;
  if (!['', 'no', 'always', 'unless-stopped', 'on-failure'].includes(name)) {
    throw invalidConfig('HostConfig.RestartPolicy.Name', name, `invalid restart policy '${name}'`, 'use no, always, unless-stopped or on-failure');
  }
  if (name === 'on-failure' && retries < 0) throw invalidConfig('HostConfig.RestartPolicy.MaximumRetryCount', retries, 'maximum retry count cannot be negative', 'give 0 for no limit, or the most restarts to make');
  if (name !== 'on-failure' && name !== '' && retries !== 0) {
    throw invalidConfig('HostConfig.RestartPolicy.MaximumRetryCount', retries, `maximum retry count cannot be used with restart policy '${name}'`, 'a retry count goes with on-failure only (on-failure:N); leave it out');
  }
  if (host.AutoRemove && name !== '' && name !== 'no') {
    throw invalidConfig('HostConfig.AutoRemove', true, "can't create 'AutoRemove' container with restart policy", `a container removed when it exits cannot be restarted by "${name}": drop one of the two`);
  }
}

function validateMemory(host: HostConfig): void {
  const memory = host.Memory ?? 0;
  const swap = host.MemorySwap ?? 0;
  const reservation = host.MemoryReservation ?? 0;
  if (memory !== 0 && memory < minimumMemory) throw invalidConfig('HostConfig.Memory', memory, 'Minimum memory limit allowed is 6MB', `give at least ${minimumMemory} bytes (6 MiB), or 0 for no limit`);
  if (memory > 0 && swap > 0 && swap < memory) {
    throw invalidConfig('HostConfig.MemorySwap', swap, 'Minimum memoryswap limit should be larger than memory limit, see usage', `MemorySwap is memory plus swap: give at least ${memory}, or -1 for unlimited swap`);
  }
  if (memory === 0 && swap > 0) throw invalidConfig('HostConfig.MemorySwap', swap, 'You should always set the Memory limit when using Memoryswap limit, see usage', 'set Memory as well, or leave MemorySwap out');
  if (memory > 0 && reservation > 0 && memory < reservation) {
    throw invalidConfig('HostConfig.MemoryReservation', reservation, 'Minimum memory limit can not be less than memory reservation limit, see usage', `give a reservation of at most ${memory}`);
  }
  if (reservation !== 0 && reservation < minimumMemory) {
    throw invalidConfig('HostConfig.MemoryReservation', reservation, 'Minimum memory reservation allowed is 6MB', `give at least ${minimumMemory} bytes (6 MiB), or 0 for none`);
  }
}

function validateCpus(host: HostConfig, facts: HostFacts): void {
  const nano = host.NanoCpus ?? 0;
  if (nano > 0 && (host.CpuPeriod ?? 0) > 0) throw invalidConfig('HostConfig.NanoCpus', nano, 'Conflicting options: Nano CPUs and CPU Period cannot both be set', 'set either NanoCpus (cpus:) or CpuPeriod and CpuQuota');
  if (nano > 0 && (host.CpuQuota ?? 0) > 0) throw invalidConfig('HostConfig.NanoCpus', nano, 'Conflicting options: Nano CPUs and CPU Quota cannot both be set', 'set either NanoCpus (cpus:) or CpuPeriod and CpuQuota');
  if (nano < 0 || nano > facts.cpus * 1e9) {
    throw invalidConfig('HostConfig.NanoCpus', nano, `Range of CPUs is from 0.01 to ${facts.cpus}.00, as there are only ${facts.cpus} CPUs available`, `NanoCpus is CPUs times 1e9: at most ${facts.cpus * 1e9} here`);
  }
}

/** Sysctls the container's own namespaces cover, as runc allows them; the host's are not the container's to change. */
function validateSysctls(host: HostConfig): void {
  for (const name of Object.keys(host.Sysctls ?? {}).sort()) {
    const field = `HostConfig.Sysctls.${name}`;
    const value = host.Sysctls?.[name];
    if (ipcSysctls.includes(name) || name.startsWith('fs.mqueue.')) {
      if (host.IpcMode === 'host') throw invalidConfig(field, value, `sysctl "${name}" is not allowed in the hosts ipc namespace`, 'leave it out, or give the container its own IPC namespace');
      continue;
    }
    if (name.startsWith('net.')) {
      if (host.NetworkMode === 'host') throw invalidConfig(field, value, `sysctl "${name}" is not allowed in the hosts network namespace`, 'leave it out with network_mode: host');
      continue;
    }
    if (name === 'kernel.domainname' && host.UTSMode !== 'host') continue;
    if (name === 'kernel.hostname') throw invalidConfig(field, value, 'sysctl "kernel.hostname" is not allowed as it conflicts with the OCI "hostname" field', 'set the hostname with Config.Hostname (hostname:)');
    throw invalidConfig(field, value, `sysctl "${name}" is not in a separate kernel namespace`, `a container may set ${ipcSysctls.join(', ')}, fs.mqueue.*, net.* and kernel.domainname`);
  }
}

function validateUlimits(host: HostConfig): void {
  (host.Ulimits ?? []).forEach((limit, index) => {
    const field = `HostConfig.Ulimits[${index}]`;
    if (!ulimitNames.includes(limit.Name)) throw invalidConfig(field, limit, `invalid ulimit type: ${limit.Name}`, `use one of ${ulimitNames.join(', ')}`);
    if (limit.Hard >= 0 && limit.Soft > limit.Hard) {
      throw invalidConfig(field, limit, `ulimit soft limit must be less than or equal to hard limit: ${limit.Soft} > ${limit.Hard}`, `lower Soft to at most ${limit.Hard}, or raise Hard`);
    }
  });
}
