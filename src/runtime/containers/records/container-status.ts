import type { ContainerState, ContainerStatus } from '../../../api/types/containers.js';
import { zeroTime } from './docker-time.js';

/**
 * The flags Docker keeps for a container, from which its Status is derived: a paused or
 * restarting container is also Running, and RemovalInProgress shows only once it is not running.
 */
export interface StateFlags {
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  Dead: boolean;
  RemovalInProgress: boolean;
  StartedAt: string;
}

/** Docker's State.StateString: the one word `ps` and inspect show. */
export function statusOf(flags: StateFlags): ContainerStatus {
  if (flags.Running) {
    if (flags.Paused) return 'paused';
    if (flags.Restarting) return 'restarting';
    return 'running';
  }
  if (flags.RemovalInProgress) return 'removing';
  if (flags.Dead) return 'dead';
  if (flags.StartedAt === zeroTime) return 'created';
  return 'exited';
}

/** A new container's state: created, never started, no health yet (Docker adds it at start). */
export function createdState(): ContainerState {
  return {
    Status: 'created',
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: '',
    StartedAt: zeroTime,
    FinishedAt: zeroTime,
  };
}
