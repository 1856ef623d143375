import type { ContainerMonitor, ContainerHandle, ExitStatus, LogRotation } from '../monitor/index.js';
import type { ContainerRecord } from '../records/index.js';
import type { HealthMonitor } from '../supervision/index.js';
import { logLimits } from './run-container.js';

/**
 * What the engine runs beside one running container: the wait for its exit, its log's rotation
 * and its health monitor. `done` settles once the exit is handled (recorded, the run released),
 * or at once when the engine lets go of the container (`detach`, the engine closing).
 */
export class Supervision {
  exited = false;
  done: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private rotation: LogRotation | undefined;
  private health: HealthMonitor | undefined;

  constructor(
    private readonly monitor: ContainerMonitor,
    private readonly record: ContainerRecord,
    readonly handle: ContainerHandle,
    private readonly onError: (error: unknown) => void,
  ) {}

  watchExit(onExit: (exit: ExitStatus) => Promise<void>): void {
    this.rotation = this.monitor.logRotation(this.handle, logLimits(this.record), this.onError).watch();
    this.done = this.monitor.waitForExit(this.handle, { signal: this.abort.signal }).then(
      async (exit) => {
        this.exited = true;
        this.stopWatching();
        await onExit(exit);
      },
      (error: unknown) => {
        this.stopWatching();
        if (!this.abort.signal.aborted) this.onError(error);
      },
    );
  }

  watchHealth(health: HealthMonitor): void {
    this.health = health;
    health.start();
  }

  detach(): void {
    this.abort.abort();
    this.stopWatching();
  }

  private stopWatching(): void {
    this.health?.stop();
    // A last reconcile files a rotation that happened since the last event.
    this.rotation?.reconcile();
    this.rotation?.close();
  }
}
