import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { HealthMonitor, healthSchedule, initialHealth, recordProbe, type HealthProbe, type HealthResult, type HealthState } from '../../../../src/runtime/containers/supervision/index.js';

const second = 1e9;

describe('the health check of a container', () => {
  test("is the container's own over the image's, field by field, with Docker's defaults", () => {
    expect(healthSchedule({ Test: ['CMD-SHELL', 'pg_isready -U app'], Interval: 2 * second }, { Test: ['CMD', 'true'], Timeout: 7 * second, Retries: 5 })).toEqual({
      argv: ['/bin/sh', '-c', 'pg_isready -U app'],
      intervalMs: 2000,
      timeoutMs: 7000,
      startPeriodMs: 0,
      startIntervalMs: 5000,
      retries: 5,
    });
    expect(healthSchedule(undefined, { Test: ['CMD', 'curl', '-f', 'http://localhost/'] })).toMatchObject({ argv: ['curl', '-f', 'http://localhost/'], intervalMs: 30_000, timeoutMs: 30_000, retries: 3 });
  });

  test('is off for NONE, even over an image that has one, and absent when neither sets one', () => {
    expect(healthSchedule({ Test: ['NONE'] }, { Test: ['CMD', 'true'] })).toBeUndefined();
    expect(healthSchedule(undefined, undefined)).toBeUndefined();
  });
});

describe('health after each probe', () => {
  const schedule = healthSchedule({ Test: ['CMD', 'check'], Retries: 2, StartPeriod: 10 * second }, undefined)!;
  const startedAt = new Date('2026-01-01T00:00:00Z');
  const probeAt = (secondsAfterStart: number, exitCode: number, output = ''): HealthResult => {
    const at = new Date(startedAt.getTime() + secondsAfterStart * 1000).toISOString();
    return { Start: at, End: at, ExitCode: exitCode, Output: output };
  };
  const run = (results: HealthResult[]): HealthState[] => {
    let health = initialHealth;
    return results.map((result) => (health = recordProbe(health, schedule, result, startedAt)));
  };

  test('failures in the start period do not count, and the container turns unhealthy after the retries once it is over', () => {
    const states = run([probeAt(1, 1), probeAt(6, 1), probeAt(11, 1), probeAt(16, 1)]);

    expect(states.map((state) => [state.Status, state.FailingStreak])).toEqual([['starting', 0], ['starting', 0], ['starting', 1], ['unhealthy', 2]]);
  });

  test('a success makes it healthy and clears the streak; failures after that count even inside the start period', () => {
    const states = run([probeAt(1, 0), probeAt(2, 1), probeAt(3, 1), probeAt(4, 0)]);

    expect(states.map((state) => [state.Status, state.FailingStreak])).toEqual([['healthy', 0], ['healthy', 1], ['unhealthy', 2], ['healthy', 0]]);
  });

  test('keeps the last five results for inspect, each output cut to 4 KiB', () => {
    const states = run([...Array(7).keys()].map((index) => probeAt(20 + index, 1, `${index}`.repeat(index === 6 ? 5000 : 1))));
    const last = states.at(-1)!;

    expect(last.Log.map((result) => result.Output.slice(0, 1))).toEqual(['2', '3', '4', '5', '6']);
    expect(last.Log.at(-1)!.Output).toHaveLength(4096);
  });
});

describe('the health monitor', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  test('probes every interval, gives up on a probe past its timeout with Docker\'s message, and stops when told', async () => {
    const schedule = healthSchedule({ Test: ['CMD', 'check'], Interval: 1 * second, Timeout: 2 * second, Retries: 1 }, undefined)!;
    const probe = vi
      .fn<HealthProbe>()
      .mockResolvedValueOnce({ exitCode: 0, output: 'ok' })
      // Never answers: the monitor must abort it when the timeout passes.
      .mockImplementationOnce((_argv, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const seen: HealthState[] = [];
    const monitor = new HealthMonitor({ schedule, startedAt: new Date(), health: initialHealth, probe, onResult: (health) => seen.push(health) });

    monitor.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.map((health) => health.Status)).toEqual(['healthy']);
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(seen.map((health) => health.Status)).toEqual(['healthy', 'unhealthy']);
    expect(seen[1]!.Log.at(-1)).toMatchObject({ ExitCode: -1, Output: 'Health check exceeded timeout (2s)' });

    monitor.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  test('counts a probe that cannot run at all as failed, with the reason', async () => {
    const schedule = healthSchedule({ Test: ['CMD', 'missing'], Interval: 1 * second, Retries: 1 }, undefined)!;
    const seen: HealthState[] = [];
    const monitor = new HealthMonitor({ schedule, startedAt: new Date(), health: initialHealth, probe: () => Promise.reject(new Error('exec: "missing": executable file not found in $PATH')), onResult: (health) => seen.push(health) });

    monitor.start();
    await vi.advanceTimersByTimeAsync(1000);
    monitor.stop();

    expect(seen[0]).toMatchObject({ Status: 'unhealthy', FailingStreak: 1, Log: [{ ExitCode: -1, Output: 'exec: "missing": executable file not found in $PATH' }] });
  });
});
