import { describe, expect, test } from 'vitest';
import type { RestartPolicy } from '../../../../src/api/types/containers.js';
import { decideRestart, initialRestartState, restartsWithEngine, type RestartState } from '../../../../src/runtime/containers/supervision/index.js';

const quickExit = (exitCode: number) => ({ exitCode, ranForMs: 50, stoppedByUser: false });

/** The delays of `count` quick exits in a row under `policy`, and the restart count after them. */
function restartsInARow(policy: RestartPolicy, exitCode: number, count: number): { delays: Array<number | 'no restart'>; state: RestartState } {
  let state = initialRestartState;
  const delays: Array<number | 'no restart'> = [];
  for (let exit = 0; exit < count; exit++) {
    const decision = decideRestart(policy, state, quickExit(exitCode));
    delays.push(decision.restart ? decision.afterMs : 'no restart');
    state = decision.state;
  }
  return { delays, state };
}

describe('restart policies', () => {
  test.each([
    ['no', 1, ['no restart', 'no restart']],
    ['always', 0, [100, 200]],
    ['unless-stopped', 0, [100, 200]],
    ['on-failure', 0, ['no restart', 'no restart']],
    ['on-failure', 1, [100, 200]],
  ] as const)('%s after an exit with code %i restarts as Docker does', (name, exitCode, expected) => {
    expect(restartsInARow({ Name: name }, exitCode, 2).delays).toEqual(expected);
  });

  test('on-failure:3 restarts a failing container three times and then leaves it exited', () => {
    const { delays, state } = restartsInARow({ Name: 'on-failure', MaximumRetryCount: 3 }, 1, 5);

    expect(delays).toEqual([100, 200, 400, 'no restart', 'no restart']);
    expect(state.restartCount).toBe(3);
  });

  test('the back-off doubles up to a minute for a container that keeps failing at once', () => {
    const { delays } = restartsInARow({ Name: 'always' }, 1, 12);

    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000]);
  });

  test('the back-off starts over once the container ran for 10 seconds', () => {
    const failing = restartsInARow({ Name: 'always' }, 1, 4).state;

    const afterLongRun = decideRestart({ Name: 'always' }, failing, { exitCode: 1, ranForMs: 10_000, stoppedByUser: false });

    expect(afterLongRun).toEqual({ restart: true, afterMs: 100, state: { restartCount: 5, delayMs: 100 } });
  });

  test('no policy restarts a container its user stopped', () => {
    for (const name of ['always', 'unless-stopped', 'on-failure'] as const) {
      expect(decideRestart({ Name: name }, initialRestartState, { exitCode: 137, ranForMs: 50, stoppedByUser: true }).restart, name).toBe(false);
    }
  });

  test('when the engine starts, always restarts even a stopped container and unless-stopped only one its user did not stop', () => {
    expect(restartsWithEngine({ Name: 'always' }, true)).toBe(true);
    expect(restartsWithEngine({ Name: 'unless-stopped' }, true)).toBe(false);
    expect(restartsWithEngine({ Name: 'unless-stopped' }, false)).toBe(true);
    expect(restartsWithEngine({ Name: 'on-failure' }, false)).toBe(false);
    expect(restartsWithEngine(undefined, false)).toBe(false);
  });
});
