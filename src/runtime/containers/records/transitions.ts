import type { ContainerState } from '../../../api/types/containers.js';
import { BerthError } from '../../../errors/index.js';
import { statusOf } from './container-status.js';
import { dockerTime } from './docker-time.js';

/**
 * The part of a container record its lifecycle changes. Docker keeps the same flags:
 * HasBeenManuallyStopped (here ManuallyStopped) tells restart policies to leave a container its
 * user stopped or killed alone, and RemovalInProgress makes a second removal or a start fail.
 */
export interface Lifecycle {
  readonly Id: string;
  readonly State: ContainerState;
  readonly RestartCount: number;
  readonly ManuallyStopped: boolean;
  readonly RemovalInProgress: boolean;
}

/**
 * A transition's answer: the new lifecycle (the rest of a record passes through unchanged), and
 * whether the request changes anything. `changed: false` is not an error: Docker answers 304 Not
 * Modified to starting a running container or stopping a stopped one.
 */
export interface Transition<L extends Lifecycle> {
  changed: boolean;
  lifecycle: L;
}

export interface Started {
  pid: number;
  at: Date;
  /** The container has a health check: its health starts as `starting`. */
  healthcheck: boolean;
}

export interface Exit {
  exitCode: number;
  at: Date;
  oomKilled: boolean;
  /** The restart policy's decision (supervision's decideRestart); ignored for a stopped or removed container. */
  restart: boolean;
}

/**
 * One function per request or event. Each checks the current state first, in Docker's order and
 * with Docker's texts (a client may match on them), and fails with a `conflict` that says what to
 * do instead; none touches the disk or a process, so the engine applies the answer itself.
 */
export function start<L extends Lifecycle>(lifecycle: L, run: Started): Transition<L> {
  const { State, Id } = lifecycle;
  if (State.Paused) throw conflict('CONTAINER_PAUSED', 'cannot start a paused container, try unpause instead', `unpause it: docker unpause ${Id.slice(0, 12)}`);
  if (State.Running) return unchanged(lifecycle);
  if (lifecycle.RemovalInProgress || State.Dead) throw markedForRemoval(lifecycle);
  return changed(lifecycle, running(State, run), { ManuallyStopped: false });
}

/**
 * A start that failed before the process ran (by the user, or by the restart policy): Docker keeps
 * the status (created stays created), sets Error, and an exit code (128 unless told: 127 for a
 * missing executable, 126 for one that cannot run).
 */
export function startFailed<L extends Lifecycle>(lifecycle: L, failure: { error: string; exitCode?: number }): Transition<L> {
  if (lifecycle.State.Running && !lifecycle.State.Restarting) throw internal(lifecycle, 'record a failed start of', 'its process is running');
  const exitCode = failure.exitCode || 128;
  return changed(lifecycle, { ...lifecycle.State, Running: false, Paused: false, Restarting: false, Pid: 0, ExitCode: exitCode, Error: failure.error }, {});
}

/** The restart policy starting a container it had put in `restarting`. */
export function restartedByPolicy<L extends Lifecycle>(lifecycle: L, run: Started): Transition<L> {
  if (!lifecycle.State.Restarting) throw internal(lifecycle, 'restart by policy', 'only a restarting container is started by its restart policy');
  return changed(lifecycle, running(lifecycle.State, run), {});
}

export function pause<L extends Lifecycle>(lifecycle: L): Transition<L> {
  const { State, Id } = lifecycle;
  if (!State.Running) throw notRunning(lifecycle);
  if (State.Paused) throw conflict('CONTAINER_ALREADY_PAUSED', `Container ${Id} is already paused`, `it stays paused until unpaused: docker unpause ${Id.slice(0, 12)}`);
  if (State.Restarting) throw restarting(lifecycle);
  return changed(lifecycle, { ...State, Paused: true }, {});
}

export function unpause<L extends Lifecycle>(lifecycle: L): Transition<L> {
  const { State, Id } = lifecycle;
  if (!State.Paused) throw conflict('CONTAINER_NOT_PAUSED', `Container ${Id} is not paused`, `only a paused container can be unpaused; this one is ${State.Status}`);
  return changed(lifecycle, { ...State, Paused: false }, {});
}

/**
 * A stop request. A running or paused container is marked as stopped by its user and keeps its
 * state until its process exits (`exited`); a restarting one has no process, so its pending
 * restart is dropped and it is exited at once; any other is left as it is (304).
 */
export function stop<L extends Lifecycle>(lifecycle: L): Transition<L> {
  if (!lifecycle.State.Running) return unchanged(lifecycle);
  return signalled(lifecycle);
}

/** A kill request: as stop, except that a container that is not running is an error, as in Docker. */
export function kill<L extends Lifecycle>(lifecycle: L): Transition<L> {
  if (!lifecycle.State.Running) throw notRunning(lifecycle);
  return signalled(lifecycle);
}

/**
 * A restart request: any container that is not being removed can be restarted. The engine then
 * stops it if it is running (stop), waits for the exit, and starts it (start).
 */
export function restart<L extends Lifecycle>(lifecycle: L): Transition<L> {
  if (lifecycle.RemovalInProgress || lifecycle.State.Dead) throw markedForRemoval(lifecycle);
  return { changed: true, lifecycle };
}

/**
 * The container's process exited. The restart policy's decision puts it in `restarting` (one
 * more RestartCount, as Docker counts them), unless its user stopped it or it is being removed.
 * An exit of a container that runs no process is a repeated report and changes nothing.
 */
export function exited<L extends Lifecycle>(lifecycle: L, exit: Exit): Transition<L> {
  const { State } = lifecycle;
  if (!State.Running || State.Restarting) return unchanged(lifecycle);
  const restarts = exit.restart && !lifecycle.ManuallyStopped && !lifecycle.RemovalInProgress;
  const ended = { ...State, Paused: false, Pid: 0, ExitCode: exit.exitCode, OOMKilled: exit.oomKilled, FinishedAt: dockerTime(exit.at) };
  if (restarts) return changed(lifecycle, { ...ended, Running: true, Restarting: true }, { RestartCount: lifecycle.RestartCount + 1 });
  return changed(lifecycle, { ...ended, Running: false, Restarting: false }, {});
}

/**
 * A removal request. A running (or paused, or restarting) container needs `force`; then `kill`
 * says the engine must kill it and wait for its exit before deleting anything. From here on the
 * container cannot be started, and a second removal fails.
 */
export function remove<L extends Lifecycle>(lifecycle: L, options: { force: boolean }): Transition<L> & { kill: boolean } {
  const { State, Id } = lifecycle;
  if (lifecycle.RemovalInProgress) {
    throw conflict('CONTAINER_REMOVAL_IN_PROGRESS', `removal of container ${Id} is already in progress`, 'wait for the removal to finish');
  }
  if (State.Running && !options.force) {
    const procedure = 'Stop the container before attempting removal or force remove';
    const text = State.Status === 'paused' ? `Unpause and then ${procedure.charAt(0).toLowerCase()}${procedure.slice(1)}` : procedure;
    throw conflict('CONTAINER_RUNNING', `You cannot remove a ${State.Status} container ${Id}. ${text}`, `stop it first (docker stop ${Id.slice(0, 12)}), or remove it with force (docker rm -f)`);
  }
  return { ...changed(lifecycle, State, { RemovalInProgress: true }), kill: State.Running };
}

/** A removal that could not finish: the container can be removed again; `dead` when its files are half gone, as Docker marks it. */
export function removalFailed<L extends Lifecycle>(lifecycle: L, options: { dead: boolean }): Transition<L> {
  return changed(lifecycle, { ...lifecycle.State, Dead: lifecycle.State.Dead || options.dead }, { RemovalInProgress: false });
}

function running(state: ContainerState, run: Started): ContainerState {
  const next: ContainerState = {
    ...state,
    Running: true,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Pid: run.pid,
    ExitCode: 0,
    Error: '',
    StartedAt: dockerTime(run.at),
  };
  delete next.Health;
  return run.healthcheck ? { ...next, Health: { Status: 'starting', FailingStreak: 0, Log: [] } } : next;
}

/** Stop and kill: the user's intent is recorded; a restarting container, which has no process, is exited now. */
function signalled<L extends Lifecycle>(lifecycle: L): Transition<L> {
  const { State } = lifecycle;
  const state = State.Restarting ? { ...State, Running: false, Restarting: false } : State;
  return changed(lifecycle, state, { ManuallyStopped: true });
}

function changed<L extends Lifecycle>(lifecycle: L, state: ContainerState, rest: Partial<Pick<Lifecycle, 'RestartCount' | 'ManuallyStopped' | 'RemovalInProgress'>>): Transition<L> {
  const next = { ...lifecycle, ...rest };
  return { changed: true, lifecycle: { ...next, State: { ...state, Status: statusOf({ ...state, RemovalInProgress: next.RemovalInProgress }) } } };
}

function unchanged<L extends Lifecycle>(lifecycle: L): Transition<L> {
  return { changed: false, lifecycle };
}

function conflict(code: string, message: string, hint: string): BerthError {
  return new BerthError({ code, kind: 'conflict', message, hint });
}

function notRunning(lifecycle: Lifecycle): BerthError {
  return conflict('CONTAINER_NOT_RUNNING', `Container ${lifecycle.Id} is not running`, `start it first: docker start ${lifecycle.Id.slice(0, 12)}`);
}

function restarting(lifecycle: Lifecycle): BerthError {
  return conflict('CONTAINER_RESTARTING', `Container ${lifecycle.Id} is restarting, wait until the container is running`, 'try again once its restart policy has started it');
}

function markedForRemoval(lifecycle: Lifecycle): BerthError {
  return conflict('CONTAINER_MARKED_FOR_REMOVAL', 'container is marked for removal and cannot be started', `it is ${lifecycle.State.Dead ? 'dead' : 'being removed'}; remove it (docker rm -f) and create a new one`);
}

function internal(lifecycle: Lifecycle, what: string, why: string): BerthError {
  return new BerthError({
    code: 'CONTAINER_TRANSITION_INVALID',
    kind: 'internal',
    message: `cannot ${what} a ${lifecycle.State.Status} container (${lifecycle.Id.slice(0, 12)}): ${why}`,
    hint: 'this is a bug in the engine; please report it with the engine log',
  });
}
