import type { ContainerHandle } from './create-container.js';
import { runRunc, type RuncConfig } from './runc/run-runc.js';
import { runcFailure } from './runc/runc-errors.js';

/**
 * The host PIDs of every process in the container (`runc ps --format json`): what `top` narrows
 * the host's ps output to (src/runtime/containers/top).
 */
export async function containerPids(runc: RuncConfig, handle: ContainerHandle): Promise<number[]> {
  const result = await runRunc(runc, ['ps', '--format', 'json', handle.id]);
  if (result.code !== 0) throw runcFailure('ps', handle.id, result);
  const pids: unknown = JSON.parse(result.stdout);
  return Array.isArray(pids) ? pids.filter((pid): pid is number => typeof pid === 'number') : [];
}
