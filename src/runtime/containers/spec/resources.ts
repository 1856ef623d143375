import { BerthError } from '../../../errors/index.js';
import type { HostConfig } from '../../../api/types/containers.js';
import type { DeviceRuleSpec, ResourcesSpec } from './oci-types.js';

/** The CFS period Docker uses for `cpus:` (NanoCpus): 100 ms. */
const cpuPeriodMicros = 100_000;

/** Docker's smallest memory limit; the kernel and runc need some room of their own. */
const minimumMemoryBytes = 6 * 1024 * 1024;

/**
 * The container's cgroup limits, as Docker's WithResources writes them, leaving out what Docker
 * writes as zero (no limit): memory and its reservation, swap (twice the memory limit by default,
 * when the kernel accounts swap), CPU shares, quota and period (`cpus:` as a quota per 100 ms
 * period), the cpuset, the pids limit, and the device rules.
 */
export function resourcesSpec(hostConfig: HostConfig, deviceRules: readonly DeviceRuleSpec[], swapAccounting: boolean): ResourcesSpec {
  const resources: ResourcesSpec = { devices: [...deviceRules] };
  const memory = memorySpec(hostConfig, swapAccounting);
  if (memory) resources.memory = memory;
  const cpu = cpuSpec(hostConfig);
  if (cpu) resources.cpu = cpu;
  if (hostConfig.PidsLimit !== undefined && hostConfig.PidsLimit !== null && hostConfig.PidsLimit > 0) resources.pids = { limit: hostConfig.PidsLimit };
  return resources;
}

function memorySpec(hostConfig: HostConfig, swapAccounting: boolean): ResourcesSpec['memory'] {
  const limit = hostConfig.Memory ?? 0;
  const swap = hostConfig.MemorySwap ?? 0;
  if (limit > 0 && limit < minimumMemoryBytes) {
    throw invalidResource(`memory limit ${limit} bytes is below the minimum of 6 MiB`, 'set mem_limit to 6m or more');
  }
  if (limit > 0 && swap > 0 && swap < limit) {
    throw invalidResource(`memswap_limit ${swap} is below mem_limit ${limit}: it counts memory plus swap`, 'set memswap_limit to at least mem_limit, or -1 for unlimited swap');
  }
  const spec: NonNullable<ResourcesSpec['memory']> = {};
  if (limit > 0) spec.limit = limit;
  if ((hostConfig.MemoryReservation ?? 0) > 0) spec.reservation = hostConfig.MemoryReservation;
  // Without swap accounting (no memory.memsw files), Docker drops the swap limit with a warning.
  if (swapAccounting && swap > 0) spec.swap = swap;
  else if (swapAccounting && limit > 0 && swap === 0) spec.swap = limit * 2;
  return Object.keys(spec).length > 0 ? spec : undefined;
}

function cpuSpec(hostConfig: HostConfig): ResourcesSpec['cpu'] {
  const nanoCpus = hostConfig.NanoCpus ?? 0;
  if (nanoCpus > 0 && ((hostConfig.CpuQuota ?? 0) > 0 || (hostConfig.CpuPeriod ?? 0) > 0)) {
    throw invalidResource('cpus conflicts with cpu_quota and cpu_period: they set the same limit', 'use either cpus, or cpu_quota with cpu_period');
  }
  const spec: NonNullable<ResourcesSpec['cpu']> = {};
  if ((hostConfig.CpuShares ?? 0) > 0) spec.shares = hostConfig.CpuShares;
  if (nanoCpus > 0) {
    spec.quota = Math.floor((nanoCpus * cpuPeriodMicros) / 1e9);
    spec.period = cpuPeriodMicros;
  }
  if ((hostConfig.CpuQuota ?? 0) > 0) spec.quota = hostConfig.CpuQuota;
  if ((hostConfig.CpuPeriod ?? 0) > 0) spec.period = hostConfig.CpuPeriod;
  if (hostConfig.CpusetCpus) spec.cpus = hostConfig.CpusetCpus;
  return Object.keys(spec).length > 0 ? spec : undefined;
}

function invalidResource(message: string, hint: string): BerthError {
  return new BerthError({ code: 'CONTAINER_RESOURCES_INVALID', kind: 'usage', message, hint });
}
