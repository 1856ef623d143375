import { nextProbeDelay, recordProbe, type HealthResult, type HealthSchedule, type HealthState } from './health-state.js';

/** Runs the probe's argv in the container (an exec) and resolves to its exit code and output. */
export type HealthProbe = (argv: readonly string[], signal: AbortSignal) => Promise<{ exitCode: number; output: string }>;

export interface HealthMonitorOptions {
  schedule: HealthSchedule;
  /** When the container started: the start period counts from it. */
  startedAt: Date;
  /** The health to go on from (a restarted engine passes what it had recorded). */
  health: HealthState;
  probe: HealthProbe;
  /** Called with the new health after every probe; the engine records it and emits health_status events. */
  onResult: (health: HealthState) => void;
  now?: () => Date;
}

/**
 * Probes a running container on its health check's schedule, one probe at a time, as Docker's
 * health monitor does: the first probe one interval after the start, a probe that outlives the
 * timeout cancelled and counted as failed with Docker's message, and a probe that cannot run at
 * all counted as failed with the reason. stop() ends it (the container stopped or was removed).
 */
export class HealthMonitor {
  private health: HealthState;
  private timer: NodeJS.Timeout | undefined;
  private running: AbortController | undefined;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly options: HealthMonitorOptions) {
    this.health = options.health;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.running?.abort();
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = nextProbeDelay(this.health, this.options.schedule, this.options.startedAt, this.now());
    this.timer = setTimeout(() => void this.probeOnce(), delay);
  }

  private async probeOnce(): Promise<void> {
    const { schedule } = this.options;
    const start = this.now();
    const controller = new AbortController();
    this.running = controller;
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, schedule.timeoutMs);
    let exitCode: number;
    let output: string;
    try {
      ({ exitCode, output } = await this.options.probe(schedule.argv, controller.signal));
    } catch (error) {
      exitCode = -1;
      output = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(deadline);
      this.running = undefined;
    }
    if (this.stopped) return;
    if (timedOut) {
      exitCode = -1;
      output = `Health check exceeded timeout (${formatSeconds(schedule.timeoutMs)})`;
    }
    const result: HealthResult = { Start: start.toISOString(), End: this.now().toISOString(), ExitCode: exitCode, Output: output };
    this.health = recordProbe(this.health, schedule, result, this.options.startedAt);
    this.options.onResult(this.health);
    this.schedule();
  }
}

/** Go's duration text for whole and fractional seconds: `30s`, `1.5s`, `250ms`. */
function formatSeconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds}ms` : `${milliseconds / 1000}s`;
}
