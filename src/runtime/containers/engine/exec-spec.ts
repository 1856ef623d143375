import { mergeConfigEnv, resolveUser, type RuntimeSpec } from '../spec/index.js';
import type { OciProcess } from '../monitor/index.js';

/** `POST /containers/{id}/exec`'s fields that shape the process. */
export interface ExecRequest {
  Cmd: string[];
  Env?: string[];
  User?: string;
  WorkingDir?: string;
}

/**
 * The exec's process, made as Docker makes it: the container's own process (capabilities,
 * rlimits, no_new_privileges, OOM score) with the exec's argv, its Env over the
 * container's, its User resolved in the container's root (the container's user otherwise), and
 * its working directory (the container's otherwise).
 */
export async function execProcessSpec(spec: RuntimeSpec, request: ExecRequest): Promise<OciProcess> {
  const base = spec.process;
  const user = request.User ? await resolveUser(spec.root.path, request.User, []) : undefined;
  return {
    args: request.Cmd,
    cwd: request.WorkingDir || base.cwd,
    env: mergeConfigEnv(request.Env, base.env),
    user: user ? { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids } : base.user,
    ...(base.noNewPrivileges ? { noNewPrivileges: true } : {}),
    capabilities: { ...base.capabilities },
    rlimits: execRlimits(base.rlimits),
    ...(base.oomScoreAdj !== undefined ? { oomScoreAdj: base.oomScoreAdj } : {}),
  };
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
