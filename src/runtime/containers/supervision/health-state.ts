import type { HealthConfig } from '../../../api/types/containers.js';

/** Docker's defaults for a health check that leaves a duration or the retries out (or sets 0). */
const defaults = { intervalMs: 30_000, timeoutMs: 30_000, startPeriodMs: 0, startIntervalMs: 5_000, retries: 3 };
/** Inspect keeps the last five results, each output cut to 4 KiB, as Docker does. */
const keptResults = 5;
const keptOutputBytes = 4096;

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/** One probe's result, as inspect's `State.Health.Log` lists it. */
export interface HealthResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** `State.Health` in inspect. */
export interface HealthState {
  Status: HealthStatus;
  FailingStreak: number;
  Log: HealthResult[];
}

/** A health check ready to run: the probe's argv and its schedule in milliseconds. */
export interface HealthSchedule {
  argv: string[];
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  /** How often to probe during the start period (Docker 25's start_interval; the interval before). */
  startIntervalMs: number;
  retries: number;
}

export const initialHealth: HealthState = { Status: 'starting', FailingStreak: 0, Log: [] };

/**
 * The container's health check: its own Healthcheck over the image's, field by field, as Docker
 * merges them. Undefined when there is none or its test is `NONE`. `CMD-SHELL cmd` runs
 * `/bin/sh -c cmd`, `CMD argv...` runs argv, and a test without either word is argv itself.
 */
export function healthSchedule(container: HealthConfig | undefined, image: HealthConfig | undefined): HealthSchedule | undefined {
  const test = container?.Test && container.Test.length > 0 ? container.Test : image?.Test;
  if (!test || test.length === 0 || test[0] === 'NONE') return undefined;
  const [kind, ...rest] = test;
  const argv = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : test;
  if (argv.length === 0) return undefined;
  const pick = (field: 'Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval', fallbackMs: number): number => {
    const nanoseconds = container?.[field] || image?.[field] || 0;
    return nanoseconds > 0 ? nanoseconds / 1e6 : fallbackMs;
  };
  const retries = container?.Retries || image?.Retries || 0;
  return {
    argv,
    intervalMs: pick('Interval', defaults.intervalMs),
    timeoutMs: pick('Timeout', defaults.timeoutMs),
    startPeriodMs: pick('StartPeriod', defaults.startPeriodMs),
    // Docker 25 and later probe every start interval (5 s unless set) during the start period.
    startIntervalMs: pick('StartInterval', defaults.startIntervalMs),
    retries: retries > 0 ? retries : defaults.retries,
  };
}

/**
 * The health after one probe, as Docker's health monitor updates it: a success makes the
 * container healthy and clears the streak; a failure adds to the streak, except while the start
 * period runs and the container has not been healthy yet, and the container is unhealthy once
 * the streak reaches the retries.
 */
export function recordProbe(health: HealthState, schedule: HealthSchedule, result: HealthResult, startedAt: Date): HealthState {
  const output = Buffer.from(result.Output).subarray(0, keptOutputBytes).toString('utf8');
  const Log = [...health.Log, { ...result, Output: output }].slice(-keptResults);
  if (result.ExitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log };
  const inStartPeriod = health.Status === 'starting' && Date.parse(result.Start) - startedAt.getTime() < schedule.startPeriodMs;
  if (inStartPeriod) return { ...health, Log };
  const FailingStreak = health.FailingStreak + 1;
  return { Status: FailingStreak >= schedule.retries ? 'unhealthy' : health.Status, FailingStreak, Log };
}

/** The wait before the next probe: the start interval while the start period runs and the container is still starting. */
export function nextProbeDelay(health: HealthState, schedule: HealthSchedule, startedAt: Date, now: Date): number {
  const inStartPeriod = health.Status === 'starting' && now.getTime() - startedAt.getTime() < schedule.startPeriodMs;
  return inStartPeriod ? schedule.startIntervalMs : schedule.intervalMs;
}
