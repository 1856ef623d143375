import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../../../src/api/types/containers.js';
import { BerthError } from '../../../../src/errors/index.js';
import {
  exited,
  kill,
  pause,
  remove,
  removalFailed,
  restart,
  restartedByPolicy,
  start,
  startFailed,
  stop,
  unpause,
  type Lifecycle,
  type Transition,
} from '../../../../src/runtime/containers/records/index.js';
import { at, created, id, running, states, stoppedByUser } from './lifecycle-states.js';

const run = { pid: 99, at, healthcheck: false };
type Request = (lifecycle: Lifecycle) => Transition<Lifecycle>;
const requests: Record<string, Request> = {
  start: (lifecycle) => start(lifecycle, run),
  stop,
  kill,
  pause,
  unpause,
  restart,
  remove: (lifecycle) => remove(lifecycle, { force: false }),
  'remove --force': (lifecycle) => remove(lifecycle, { force: true }),
};

/** What each request does from each status: the status after it, `unchanged` (304), or Docker's text and the error code. */
const table: Array<[string, ContainerStatus, string]> = [
  ['start', 'created', 'running'],
  ['start', 'exited', 'running'],
  ['start', 'running', 'unchanged'],
  ['start', 'restarting', 'unchanged'],
  ['start', 'paused', 'CONTAINER_PAUSED: cannot start a paused container, try unpause instead'],
  ['start', 'removing', 'CONTAINER_MARKED_FOR_REMOVAL: container is marked for removal and cannot be started'],
  ['start', 'dead', 'CONTAINER_MARKED_FOR_REMOVAL: container is marked for removal and cannot be started'],
  ['stop', 'running', 'running'],
  ['stop', 'paused', 'paused'],
  ['stop', 'restarting', 'exited'],
  ['stop', 'created', 'unchanged'],
  ['stop', 'exited', 'unchanged'],
  ['stop', 'dead', 'unchanged'],
  ['kill', 'running', 'running'],
  ['kill', 'paused', 'paused'],
  ['kill', 'restarting', 'exited'],
  ['kill', 'created', `CONTAINER_NOT_RUNNING: Container ${id} is not running`],
  ['kill', 'exited', `CONTAINER_NOT_RUNNING: Container ${id} is not running`],
  ['pause', 'running', 'paused'],
  ['pause', 'paused', `CONTAINER_ALREADY_PAUSED: Container ${id} is already paused`],
  ['pause', 'restarting', `CONTAINER_RESTARTING: Container ${id} is restarting, wait until the container is running`],
  ['pause', 'created', `CONTAINER_NOT_RUNNING: Container ${id} is not running`],
  ['pause', 'exited', `CONTAINER_NOT_RUNNING: Container ${id} is not running`],
  ['unpause', 'paused', 'running'],
  ['unpause', 'running', `CONTAINER_NOT_PAUSED: Container ${id} is not paused`],
  ['unpause', 'exited', `CONTAINER_NOT_PAUSED: Container ${id} is not paused`],
  ['restart', 'running', 'running'],
  ['restart', 'paused', 'paused'],
  ['restart', 'exited', 'exited'],
  ['restart', 'created', 'created'],
  ['restart', 'removing', 'CONTAINER_MARKED_FOR_REMOVAL: container is marked for removal and cannot be started'],
  ['restart', 'dead', 'CONTAINER_MARKED_FOR_REMOVAL: container is marked for removal and cannot be started'],
  ['remove', 'created', 'removing'],
  ['remove', 'exited', 'removing'],
  ['remove', 'dead', 'removing'],
  ['remove', 'running', `CONTAINER_RUNNING: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`],
  ['remove', 'paused', `CONTAINER_RUNNING: You cannot remove a paused container ${id}. Unpause and then stop the container before attempting removal or force remove`],
  ['remove', 'restarting', `CONTAINER_RUNNING: You cannot remove a restarting container ${id}. Stop the container before attempting removal or force remove`],
  ['remove', 'removing', `CONTAINER_REMOVAL_IN_PROGRESS: removal of container ${id} is already in progress`],
  ['remove --force', 'running', 'running'],
  ['remove --force', 'paused', 'paused'],
  ['remove --force', 'exited', 'removing'],
  ['remove --force', 'removing', `CONTAINER_REMOVAL_IN_PROGRESS: removal of container ${id} is already in progress`],
];

function outcome(request: Request, lifecycle: Lifecycle): string {
  try {
    const result = request(lifecycle);
    return result.changed ? result.lifecycle.State.Status : 'unchanged';
  } catch (error) {
    if (!(error instanceof BerthError)) throw error;
    expect(error.kind).toBe('conflict');
    expect(error.hint).toBeTruthy();
    return `${error.code}: ${error.message}`;
  }
}

describe('container lifecycle transitions', () => {
  it.each(table)('%s of a %s container gives %s', (request, status, expected) => {
    expect(outcome(requests[request]!, states[status])).toBe(expected);
  });

  it('starts with a fresh process: pid, start time, exit code and error reset, health starting when checked', () => {
    const failed = startFailed(created, { error: 'exec: "nope": executable file not found in $PATH', exitCode: 127 }).lifecycle;
    expect(failed.State).toMatchObject({ Status: 'created', ExitCode: 127, Error: 'exec: "nope": executable file not found in $PATH' });
    const started = start(failed, { pid: 7, at, healthcheck: true }).lifecycle;
    expect(started.State).toEqual({
      Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 7, ExitCode: 0, Error: '',
      StartedAt: '2024-05-06T07:08:09.123Z', FinishedAt: '0001-01-01T00:00:00Z', Health: { Status: 'starting', FailingStreak: 0, Log: [] },
    });
  });

  it('gives a start that failed exit code 128 unless the engine knows better, and keeps the status', () => {
    expect(startFailed(created, { error: 'oops' }).lifecycle.State).toMatchObject({ Status: 'created', ExitCode: 128, Error: 'oops' });
    expect(startFailed(states.exited, { error: 'oops' }).lifecycle.State).toMatchObject({ Status: 'exited', ExitCode: 128, Error: 'oops' });
    expect(startFailed(states.restarting, { error: 'oops', exitCode: 126 }).lifecycle.State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 126 });
    expect(() => startFailed(running, { error: 'oops' })).toThrow(expect.objectContaining({ kind: 'internal' }));
  });

  it('records an exit with its code, time and OOM kill, and a second report of it changes nothing', () => {
    const first = exited(running, { exitCode: 137, at: new Date('2024-05-06T07:08:10Z'), oomKilled: true, restart: false });
    expect(first.lifecycle.State).toMatchObject({ Status: 'exited', Running: false, Pid: 0, ExitCode: 137, OOMKilled: true, FinishedAt: '2024-05-06T07:08:10Z' });
    expect(exited(first.lifecycle, { exitCode: 0, at, oomKilled: false, restart: false }).changed).toBe(false);
  });

  it('puts an exited container in restarting when its policy says so, counting the restart', () => {
    const restarting = exited(running, { exitCode: 1, at, oomKilled: false, restart: true }).lifecycle;
    expect(restarting.State).toMatchObject({ Status: 'restarting', Running: true, Restarting: true, Pid: 0, ExitCode: 1 });
    expect(restarting.RestartCount).toBe(1);
    const again = restartedByPolicy(restarting, { pid: 12, at, healthcheck: false }).lifecycle;
    expect(again.State).toMatchObject({ Status: 'running', Pid: 12, Restarting: false });
    expect(again.RestartCount).toBe(1);
  });

  it('never restarts a container its user stopped or that is being removed, whatever the policy says', () => {
    expect(exited(stoppedByUser, { exitCode: 0, at, oomKilled: false, restart: true }).lifecycle.State.Status).toBe('exited');
    const forced = remove(running, { force: true });
    expect(forced.kill).toBe(true);
    expect(exited(forced.lifecycle, { exitCode: 137, at, oomKilled: false, restart: true }).lifecycle.State.Status).toBe('removing');
  });

  it('clears the user stop at the next start, so the policy applies again', () => {
    expect(stoppedByUser.ManuallyStopped).toBe(true);
    const exitedNow = exited(stoppedByUser, { exitCode: 0, at, oomKilled: false, restart: false }).lifecycle;
    expect(start(exitedNow, run).lifecycle.ManuallyStopped).toBe(false);
  });

  it('lets a removal that failed be tried again, dead when its files are half gone', () => {
    const removing = remove(states.exited, { force: false }).lifecycle;
    expect(removalFailed(removing, { dead: false }).lifecycle.State.Status).toBe('exited');
    expect(removalFailed(removing, { dead: true }).lifecycle.State.Status).toBe('dead');
  });

  it('refuses a restart by policy of a container that is not restarting, as an engine bug', () => {
    expect(() => restartedByPolicy(running, run)).toThrow(expect.objectContaining({ kind: 'internal', code: 'CONTAINER_TRANSITION_INVALID' }));
  });

  it('keeps the rest of a record as it is', () => {
    const record = { ...created, Name: '/web', Config: { Image: 'busybox' } };
    expect(start(record, run).lifecycle).toMatchObject({ Name: '/web', Config: { Image: 'busybox' } });
  });
});
