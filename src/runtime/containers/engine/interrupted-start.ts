import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerHandle, ContainerMonitor } from '../monitor/index.js';
import { isMountPoint, rootfsPaths } from '../rootfs/index.js';
import type { ContainerLayout } from './layout.js';
import { releaseRun } from './run-container.js';

/** A start runc got through: the container's init, and when runc made it. */
export interface InterruptedStart {
  pid: number;
  at: Date;
}

/**
 * What a start left when the engine process died in it, before the record said the container
 * runs (between mounting its root and recording the start, by the user or a restart policy).
 * A start runc got through (the container runs under its conmon, or ran and has exited) is
 * returned, for the engine to record and take up like any running container: it did start, only
 * the client that asked for it was not told. Anything less (runc's container
 * waiting in `created`, its conmon, the bundle, the mounted root) is removed, so the container is
 * as it was before the start and the next start does not find runc's container in its way.
 * A container with no bundle, no monitor directory and no mounted root has nothing left: runc is
 * not asked.
 */
export async function settleInterruptedStart(monitor: ContainerMonitor, handle: ContainerHandle, layout: ContainerLayout): Promise<InterruptedStart | undefined> {
  if (!existsSync(layout.bundle) && !existsSync(layout.monitor) && !(await isMountPoint(rootfsPaths(layout.rootfs).merged))) return undefined;
  const observed = await monitor.observe(handle);
  const started = (observed.monitorAlive && observed.status === 'running') || observed.exit !== undefined;
  if (started && observed.pid !== undefined) return { pid: observed.pid, at: createdAt(layout) };
  await monitor.delete(handle, { force: true });
  await releaseRun(layout);
  return undefined;
}

/** runc writes the init's pid file at create, a moment before the start. */
function createdAt(layout: ContainerLayout): Date {
  const pidFile = join(layout.monitor, 'pid');
  return existsSync(pidFile) ? statSync(pidFile).mtime : new Date();
}
