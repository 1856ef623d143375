import { describe, expect, it } from 'vitest';
import { parseLimits } from '../../../../src/runtime/containers/spec/host-facts.js';
import { oomScoreAdj, rlimitSpecs, unlimited, type LimitHost } from '../../../../src/runtime/containers/spec/process-limits.js';
import { resourcesSpec } from '../../../../src/runtime/containers/spec/resources.js';
import { berthErrorOf } from '../../../helpers/error-of.js';

const rootHost: LimitHost = { canRaiseLimits: true, engineHardLimits: new Map([['RLIMIT_NOFILE', 4096n]]), nrOpen: 1048576, engineOomScoreAdj: 0 };
/** An engine without CAP_SYS_RESOURCE whose own hard RLIMIT_NOFILE is 20000, as in this sandbox. */
const sandboxHost: LimitHost = { canRaiseLimits: false, engineHardLimits: new Map([['RLIMIT_NOFILE', 20000n], ['RLIMIT_MEMLOCK', 8388608n]]), nrOpen: 1048576, engineOomScoreAdj: 0 };

describe('rlimits', () => {
  it("sets RLIMIT_NOFILE to Docker's 1048576 when the container sets none", () => {
    expect(rlimitSpecs(undefined, rootHost)).toEqual([{ type: 'RLIMIT_NOFILE', soft: 1048576n, hard: 1048576n }]);
  });

  it('lowers that default to fs.nr_open, and to its own hard limit when the engine cannot raise limits', () => {
    expect(rlimitSpecs([], { ...rootHost, nrOpen: 65536 })).toEqual([{ type: 'RLIMIT_NOFILE', soft: 65536n, hard: 65536n }]);
    expect(rlimitSpecs([], sandboxHost)).toEqual([{ type: 'RLIMIT_NOFILE', soft: 20000n, hard: 20000n }]);
  });

  it('takes the ulimits as given, in order, with -1 as unlimited', () => {
    expect(rlimitSpecs([{ Name: 'nproc', Soft: 100, Hard: 200 }, { Name: 'memlock', Soft: -1, Hard: -1 }, { Name: 'nofile', Soft: 10, Hard: 20 }], rootHost)).toEqual([
      { type: 'RLIMIT_NPROC', soft: 100n, hard: 200n },
      { type: 'RLIMIT_MEMLOCK', soft: unlimited, hard: unlimited },
      { type: 'RLIMIT_NOFILE', soft: 10n, hard: 20n },
    ]);
  });

  it('refuses unknown names, soft above hard, and values that are no limit', () => {
    expect(berthErrorOf(() => rlimitSpecs([{ Name: 'files', Soft: 1, Hard: 1 }], rootHost)).message).toBe('unknown ulimit "files"');
    expect(berthErrorOf(() => rlimitSpecs([{ Name: 'nofile', Soft: 200, Hard: 100 }], rootHost)).message).toBe('ulimit nofile: the soft limit 200 is above the hard limit 100');
    expect(berthErrorOf(() => rlimitSpecs([{ Name: 'nofile', Soft: -1, Hard: 100 }], rootHost)).code).toBe('CONTAINER_ULIMIT_INVALID');
    expect(berthErrorOf(() => rlimitSpecs([{ Name: 'nofile', Soft: -2, Hard: 100 }], rootHost)).message).toBe('ulimit nofile: -2 is not a limit');
  });

  it("refuses a hard limit above the engine's own when it cannot raise limits, instead of runc's EPERM", () => {
    const error = berthErrorOf(() => rlimitSpecs([{ Name: 'memlock', Soft: -1, Hard: -1 }], sandboxHost));
    expect(error).toMatchObject({ code: 'CONTAINER_ULIMIT_UNAVAILABLE', kind: 'unavailable' });
    expect(error.message).toBe('ulimit memlock: the engine cannot grant a hard limit of -1, above its own 8388608 (it lacks CAP_SYS_RESOURCE)');
    expect(rlimitSpecs([{ Name: 'nofile', Soft: 1024, Hard: 20000 }], sandboxHost)).toHaveLength(1);
  });

  it('reads hard limits from /proc/PID/limits', () => {
    const text = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max cpu time              unlimited            unlimited            seconds   ',
      'Max open files            20000                20000                files     ',
      'Max locked memory         8388608              8388608              bytes     ',
      'Max nice priority         0                    0                    ',
    ].join('\n');
    expect(parseLimits(text)).toEqual(new Map([['RLIMIT_CPU', unlimited], ['RLIMIT_NOFILE', 20000n], ['RLIMIT_MEMLOCK', 8388608n], ['RLIMIT_NICE', 0n]]));
  });
});

describe('oom_score_adj', () => {
  it('is 0 unless set, within -1000..1000, and not below the engine\'s own without CAP_SYS_RESOURCE', () => {
    expect(oomScoreAdj(undefined, rootHost)).toBe(0);
    expect(oomScoreAdj(-500, rootHost)).toBe(-500);
    expect(oomScoreAdj(500, sandboxHost)).toBe(500);
    expect(berthErrorOf(() => oomScoreAdj(1001, rootHost)).code).toBe('CONTAINER_OOM_SCORE_ADJ_INVALID');
    expect(berthErrorOf(() => oomScoreAdj(-1, sandboxHost)).message).toBe('the engine cannot set oom_score_adj -1, below its own 0 (it lacks CAP_SYS_RESOURCE)');
  });
});

describe('cgroup resources', () => {
  it('writes nothing but the device rules for a container without limits', () => {
    expect(resourcesSpec({}, [], true)).toEqual({ devices: [] });
  });

  it("gives memory, twice as much memory+swap, a CPU quota per 100 ms and a pids limit, as dockerd 20.10 wrote them", () => {
    expect(resourcesSpec({ Memory: 64 << 20, NanoCpus: 500_000_000, PidsLimit: 50 }, [], true)).toEqual({
      devices: [],
      memory: { limit: 67108864, swap: 134217728 },
      cpu: { quota: 50000, period: 100000 },
      pids: { limit: 50 },
    });
  });

  it('sets no swap limit without swap accounting, keeps an explicit one, and leaves -1 unlimited', () => {
    expect(resourcesSpec({ Memory: 64 << 20 }, [], false).memory).toEqual({ limit: 67108864 });
    expect(resourcesSpec({ Memory: 64 << 20, MemorySwap: 64 << 20 }, [], true).memory).toEqual({ limit: 67108864, swap: 67108864 });
    expect(resourcesSpec({ Memory: 64 << 20, MemorySwap: -1 }, [], true).memory).toEqual({ limit: 67108864 });
  });

  it('treats a pids limit of 0, -1 or null as none, and passes shares, cpuset and reservation', () => {
    expect(resourcesSpec({ PidsLimit: 0 }, [], true).pids).toBeUndefined();
    expect(resourcesSpec({ PidsLimit: -1 }, [], true).pids).toBeUndefined();
    expect(resourcesSpec({ PidsLimit: null }, [], true).pids).toBeUndefined();
    expect(resourcesSpec({ CpuShares: 512, CpusetCpus: '0', MemoryReservation: 1 << 20 }, [], true)).toEqual({ devices: [], memory: { reservation: 1048576 }, cpu: { shares: 512, cpus: '0' } });
  });

  it('refuses limits Docker refuses', () => {
    expect(berthErrorOf(() => resourcesSpec({ Memory: 1 << 20 }, [], true)).message).toBe('memory limit 1048576 bytes is below the minimum of 6 MiB');
    expect(berthErrorOf(() => resourcesSpec({ Memory: 64 << 20, MemorySwap: 32 << 20 }, [], true)).code).toBe('CONTAINER_RESOURCES_INVALID');
    expect(berthErrorOf(() => resourcesSpec({ NanoCpus: 1e9, CpuQuota: 50000 }, [], true)).message).toBe('cpus conflicts with cpu_quota and cpu_period: they set the same limit');
  });
});
