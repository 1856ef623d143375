import { containerCapabilities, mergeConfigEnv, readHostFacts, resolveUser, type RuntimeSpec } from '../spec/index.js';
import type { OciProcess } from '../monitor/index.js';

/** `POST /containers/{id}/exec`'s fields that shape the process. */
export interface ExecRequest {
  Cmd: string[];
  Env?: string[];
  User?: string;
  WorkingDir?: string;
  /** A pseudo-terminal for the process (stdout and stderr merged on it), and `TERM=xterm` unless the container sets TERM. */
  Tty?: boolean;
  /** Every capability the engine can give (bounding, permitted, effective), as `docker exec --privileged`. */
  Privileged?: boolean;
}

/**
 * The exec's process, made as Docker makes it: the container's own process (capabilities,
 * rlimits, no_new_privileges, OOM score) with the exec's argv, its Env over the
 * container's, its User resolved in the container's root (the container's user otherwise),
 * its working directory (the container's otherwise), a terminal when it asks for one (Docker
 * sets TERM=xterm before the container's own environment, so the container's TERM wins), and all
 * capabilities when privileged (the container's seccomp profile stays: runc keeps it for an exec).
 */
export async function execProcessSpec(spec: RuntimeSpec, request: ExecRequest): Promise<OciProcess> {
  const base = spec.process;
  const user = request.User ? await resolveUser(spec.root.path, request.User, []) : undefined;
  return {
    args: request.Cmd,
    cwd: request.WorkingDir || base.cwd,
    env: mergeConfigEnv(request.Env, request.Tty && !base.env.some((entry) => entry.startsWith('TERM=')) ? [...base.env, 'TERM=xterm'] : base.env),
    user: user ? { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids } : base.user,
    ...(request.Tty ? { terminal: true } : {}),
    ...(base.noNewPrivileges ? { noNewPrivileges: true } : {}),
    capabilities: request.Privileged ? await privilegedCapabilities() : { ...base.capabilities },
    rlimits: execRlimits(base.rlimits),
    ...(base.oomScoreAdj !== undefined ? { oomScoreAdj: base.oomScoreAdj } : {}),
  };
}

async function privilegedCapabilities(): Promise<Record<string, string[]>> {
  const all = containerCapabilities({ privileged: true }, await readHostFacts());
  return { bounding: all, permitted: all, effective: all };
}

/**
 * The container's rlimits for the exec. The exec's process file is written as plain JSON, which
 * holds no unlimited (2^64-1) value: such a limit is left out, and the exec keeps runc's own,
 * so its limit is the engine's own for that resource.
 */
function execRlimits(rlimits: RuntimeSpec['process']['rlimits']): NonNullable<OciProcess['rlimits']> {
  const safe = (value: number | bigint): boolean => Number(value) <= Number.MAX_SAFE_INTEGER;
  return rlimits.filter((limit) => safe(limit.hard) && safe(limit.soft)).map((limit) => ({ type: limit.type, hard: Number(limit.hard), soft: Number(limit.soft) }));
}
