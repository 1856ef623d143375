import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isConmonOf, readPidFile } from './conmon/conmon-process.js';
import type { ContainerHandle } from './create-container.js';
import { bundleMonitorFiles, monitorFiles } from './monitor-files.js';
import { runRunc, type RuncConfig } from './runc/run-runc.js';
import { runcFailure } from './runc/runc-errors.js';

/** How long conmon gets to record the exit and leave once its container is gone. */
const conmonExitGrace = 5_000;

/**
 * Deletes the container from runc (with `force`, a running one is killed first) and removes
 * what conmon left: its directory and the attach socket and FIFOs in the bundle. The log stays:
 * Docker keeps a removed container's log until the container record goes, which is the
 * engine's call (removeLogFiles).
 */
export async function deleteContainer(runc: RuncConfig, handle: ContainerHandle, force: boolean): Promise<void> {
  // runc knows a container only by its state directory: without one there is nothing to ask it,
  // and not starting runc saves a removal after the exit's own delete about 7 ms.
  if (existsSync(join(runc.root, handle.id))) {
    const result = await runRunc(runc, force ? ['delete', '--force', handle.id] : ['delete', handle.id]);
    if (result.code !== 0 && !/does not exist/.test(result.error ?? '')) throw runcFailure('delete', handle.id, result);
  }
  await awaitConmonExit(handle.monitorDirectory);
  rmSync(handle.monitorDirectory, { recursive: true, force: true });
  for (const path of Object.values(bundleMonitorFiles(handle.bundle))) rmSync(path, { force: true });
}

/**
 * conmon is not the engine's child (it detached), so its exit cannot be awaited, only observed:
 * a short, bounded poll. It normally leaves within milliseconds of its container; one that does
 * not (stuck writing to a full disk) is killed, as its container is already gone.
 */
async function awaitConmonExit(monitorDirectory: string): Promise<void> {
  const pid = readPidFile(monitorFiles(monitorDirectory).conmonPid);
  if (pid === undefined) return;
  const deadline = Date.now() + conmonExitGrace;
  for (let delay = 5; isConmonOf(pid, monitorDirectory); delay = Math.min(delay * 2, 100)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // It left just now.
      }
      return;
    }
    await sleep(delay);
  }
}
