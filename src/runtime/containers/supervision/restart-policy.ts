import type { RestartPolicy } from '../../../api/types/containers.js';

/** Docker's restart back-off: the first restart waits 100 ms, each next one twice as long, at most a minute. */
const firstDelayMs = 100;
const longestDelayMs = 60_000;
/** A container that ran this long before it exited starts the back-off again from the first delay. */
const resetAfterRunningMs = 10_000;

/** What the engine keeps between a container's exits to decide its restarts. */
export interface RestartState {
  /** Restarts made by the policy (inspect's RestartCount). */
  restartCount: number;
  /** The delay before the last restart; 0 before the first. */
  delayMs: number;
}

export interface ContainerExit {
  exitCode: number;
  /** How long the container ran before it exited. */
  ranForMs: number;
  /** Stopped or killed by a user (`stop`, `kill`, `down`): no policy restarts it, as Docker cancels its restart manager. */
  stoppedByUser: boolean;
}

export type RestartDecision = { restart: false; state: RestartState } | { restart: true; afterMs: number; state: RestartState };

export const initialRestartState: RestartState = { restartCount: 0, delayMs: 0 };

/**
 * Whether a container that exited is started again by its restart policy, and after how long,
 * as Docker's restart manager decides it: `always` and `unless-stopped` restart whatever the exit
 * code, `on-failure[:N]` on a non-zero code until N restarts were made (no limit for 0), `no`
 * never; nothing restarts a container its user stopped. The delay doubles from 100 ms up to a
 * minute, and starts over when the container had run for 10 s.
 */
export function decideRestart(policy: RestartPolicy | undefined, state: RestartState, exit: ContainerExit): RestartDecision {
  const name = policy?.Name ?? 'no';
  if (name === 'no' || name === '' || exit.stoppedByUser) return { restart: false, state };
  const lastDelay = exit.ranForMs >= resetAfterRunningMs ? 0 : state.delayMs;
  const delayMs = lastDelay === 0 ? firstDelayMs : Math.min(lastDelay * 2, longestDelayMs);
  const limit = policy?.MaximumRetryCount ?? 0;
  const restart = name === 'on-failure' ? exit.exitCode !== 0 && (limit === 0 || state.restartCount < limit) : true;
  if (!restart) return { restart: false, state: { ...state, delayMs } };
  return { restart: true, afterMs: delayMs, state: { restartCount: state.restartCount + 1, delayMs } };
}

/**
 * Whether the engine starts the container again when the engine itself starts: `always` does,
 * and `unless-stopped` unless its user had stopped it, as Docker's daemon does at start-up.
 */
export function restartsWithEngine(policy: RestartPolicy | undefined, stoppedByUser: boolean): boolean {
  const name = policy?.Name ?? 'no';
  return name === 'always' || (name === 'unless-stopped' && !stoppedByUser);
}
