import { BerthError } from '../../../errors/index.js';
import type { Ulimit } from '../../../api/types/containers.js';
import type { RlimitSpec } from './oci-types.js';

/** RLIM_INFINITY, what Docker's `-1` becomes (Docker converts int64 -1 to uint64). */
export const unlimited = 2n ** 64n - 1n;

/** Docker's ulimit names (docker/go-units), plus `as`, which runc also sets. */
const ulimitNames = new Set(['as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

/**
 * What the engine itself may hand a container: without CAP_SYS_RESOURCE it cannot raise a hard
 * limit above its own, nor lower oom_score_adj below its own (the kernel refuses; runc would fail
 * with "operation not permitted").
 */
export interface LimitHost {
  canRaiseLimits: boolean;
  /** The engine's hard limits by RLIMIT_ name, from /proc/self/limits. */
  engineHardLimits: ReadonlyMap<string, bigint>;
  /** fs.nr_open: no process may have a higher RLIMIT_NOFILE. */
  nrOpen: number;
  engineOomScoreAdj: number;
}

/** The RLIMIT_NOFILE dockerd's containers get on a systemd host (containerd runs with LimitNOFILE=infinity). */
const dockerNofile = 1048576n;

/**
 * The container's rlimits: its Ulimits in order, and RLIMIT_NOFILE set explicitly when it gives
 * none, since otherwise the container inherits whatever its starter has (Node raises its own soft
 * limit, and children inherit that). The default is Docker's 1048576, lowered to what the engine
 * may grant when it cannot raise limits.
 */
export function rlimitSpecs(ulimits: readonly Ulimit[] | null | undefined, host: LimitHost): RlimitSpec[] {
  const specs = (ulimits ?? []).map((ulimit) => rlimitSpec(ulimit, host));
  if (!specs.some((spec) => spec.type === 'RLIMIT_NOFILE')) {
    let ceiling = dockerNofile < BigInt(host.nrOpen) ? dockerNofile : BigInt(host.nrOpen);
    const engineHard = host.engineHardLimits.get('RLIMIT_NOFILE');
    if (!host.canRaiseLimits && engineHard !== undefined && engineHard < ceiling) ceiling = engineHard;
    specs.push({ type: 'RLIMIT_NOFILE', hard: ceiling, soft: ceiling });
  }
  return specs;
}

function rlimitSpec(ulimit: Ulimit, host: LimitHost): RlimitSpec {
  const name = ulimit.Name.toLowerCase();
  if (!ulimitNames.has(name)) {
    throw invalidUlimit(`unknown ulimit "${ulimit.Name}"`, `use one of ${[...ulimitNames].sort().join(', ')}`);
  }
  const type = `RLIMIT_${name.toUpperCase()}`;
  const soft = limitValue(ulimit.Soft, ulimit.Name);
  const hard = limitValue(ulimit.Hard, ulimit.Name);
  if (soft > hard) throw invalidUlimit(`ulimit ${ulimit.Name}: the soft limit ${ulimit.Soft} is above the hard limit ${ulimit.Hard}`, 'set soft at most hard');
  const engineHard = host.engineHardLimits.get(type);
  if (!host.canRaiseLimits && engineHard !== undefined && hard > engineHard) {
    throw new BerthError({
      code: 'CONTAINER_ULIMIT_UNAVAILABLE',
      kind: 'unavailable',
      message: `ulimit ${ulimit.Name}: the engine cannot grant a hard limit of ${ulimit.Hard}, above its own ${engineHard === unlimited ? 'unlimited' : engineHard} (it lacks CAP_SYS_RESOURCE)`,
      hint: `lower the limit to ${engineHard === unlimited ? 'any value' : String(engineHard)} or less, or run the engine with CAP_SYS_RESOURCE or a higher limit`,
    });
  }
  return { type, hard, soft };
}

function limitValue(value: number, name: string): bigint {
  if (value === -1) return unlimited;
  if (!Number.isSafeInteger(value) || value < 0) throw invalidUlimit(`ulimit ${name}: ${value} is not a limit`, 'use a whole number of at least 0, or -1 for unlimited');
  return BigInt(value);
}

function invalidUlimit(message: string, hint: string): BerthError {
  return new BerthError({ code: 'CONTAINER_ULIMIT_INVALID', kind: 'usage', message, hint });
}

/**
 * The container's oom_score_adj, in Docker's range. Lowering it below the engine's own needs
 * CAP_SYS_RESOURCE, which is checked here for a clear error instead of runc's.
 */
export function oomScoreAdj(value: number | undefined, host: LimitHost): number {
  const adj = value ?? 0;
  if (!Number.isInteger(adj) || adj < -1000 || adj > 1000) {
    throw new BerthError({ code: 'CONTAINER_OOM_SCORE_ADJ_INVALID', kind: 'usage', message: `invalid oom_score_adj ${adj}: the range is -1000 to 1000`, hint: 'use a whole number from -1000 (never killed first) to 1000 (killed first)' });
  }
  if (!host.canRaiseLimits && adj < host.engineOomScoreAdj) {
    throw new BerthError({
      code: 'CONTAINER_OOM_SCORE_ADJ_UNAVAILABLE',
      kind: 'unavailable',
      message: `the engine cannot set oom_score_adj ${adj}, below its own ${host.engineOomScoreAdj} (it lacks CAP_SYS_RESOURCE)`,
      hint: `use ${host.engineOomScoreAdj} or more, or run the engine with CAP_SYS_RESOURCE`,
    });
  }
  return adj;
}
