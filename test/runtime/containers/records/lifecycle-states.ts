import type { ContainerState } from '../../../../src/api/types/containers.js';
import { exited, pause, remove, start, stop, type Lifecycle } from '../../../../src/runtime/containers/records/index.js';
import { createdState } from '../../../../src/runtime/containers/records/container-status.js';

export const id = 'f00d'.repeat(16);
export const at = new Date('2024-05-06T07:08:09.123Z');
const run = { pid: 4242, at, healthcheck: false };

export const created: Lifecycle = { Id: id, State: createdState(), RestartCount: 0, ManuallyStopped: false, RemovalInProgress: false };
export const running = start(created, run).lifecycle;
export const paused = pause(running).lifecycle;
export const exitedOne = exited(running, { exitCode: 1, at, oomKilled: false, restart: false }).lifecycle;
export const restarting = exited(running, { exitCode: 1, at, oomKilled: false, restart: true }).lifecycle;
export const removing = remove(exitedOne, { force: false }).lifecycle;
export const dead: Lifecycle = { ...exitedOne, State: { ...exitedOne.State, Dead: true, Status: 'dead' } };
export const stoppedByUser = stop(running).lifecycle;

export const states: Record<ContainerState['Status'], Lifecycle> = { created, running, paused, restarting, removing, exited: exitedOne, dead };
