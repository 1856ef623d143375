import type { HostConfig, Ulimit } from '../../api/index.js';
import type { ByteCount, ServiceConfig } from '../../compose-spec/index.js';
import { definedFields } from './defined-fields.js';

export type ResourceLimits = Pick<
  HostConfig,
  'Memory' | 'MemorySwap' | 'MemoryReservation' | 'NanoCpus' | 'CpuShares' | 'CpuQuota' | 'CpuPeriod' | 'CpusetCpus' | 'PidsLimit' | 'Ulimits' | 'Devices' | 'ShmSize'
>;

/**
 * Limits as Compose's `getDeployResources` sets them: the service's own keys, then
 * `deploy.resources.limits` (memory, cpus, pids) and `reservations.memory` over them when set.
 */
export function resourceLimits(service: ServiceConfig): ResourceLimits {
  const limits = service.deploy?.resources?.limits;
  const reservations = service.deploy?.resources?.reservations;
  const cpus = positive(limits?.cpus) ?? service.cpus;
  return definedFields({
    Memory: positive(bytes(limits?.memory)) ?? bytes(service.mem_limit),
    MemorySwap: bytes(service.memswap_limit),
    MemoryReservation: positive(bytes(reservations?.memory)) ?? bytes(service.mem_reservation),
    // Go's int64(cpus * 1e9) truncates; so does berth, to send the same number.
    NanoCpus: cpus === undefined ? undefined : Math.trunc(cpus * 1e9),
    CpuShares: service.cpu_shares,
    CpuQuota: service.cpu_quota,
    CpuPeriod: service.cpu_period,
    CpusetCpus: service.cpuset,
    PidsLimit: positive(limits?.pids) ?? (service.pids_limit === 0 ? undefined : service.pids_limit),
    Ulimits: ulimits(service),
    Devices: service.devices?.map((device) => ({
      PathOnHost: device.source,
      PathInContainer: device.target ?? device.source,
      CgroupPermissions: device.permissions ?? 'rwm',
    })),
    ShmSize: bytes(service.shm_size),
  });
}

/** `ulimits`, sorted by name; a single number is both the soft and the hard limit. */
function ulimits(service: ServiceConfig): Ulimit[] | undefined {
  if (service.ulimits === undefined) return undefined;
  return Object.entries(service.ulimits)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, limit]) => (typeof limit === 'number' ? { Name: name, Soft: limit, Hard: limit } : { Name: name, Soft: limit.soft, Hard: limit.hard }));
}

function bytes(count: ByteCount | undefined): number | undefined {
  return count === undefined ? undefined : Number(count);
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
