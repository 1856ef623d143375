export interface ChangeQueueOptions {
  /** A batch is handed over once no change has come for this long. */
  quietMs: number;
  /** ...or once the oldest change of the batch has waited this long, so a steady stream still syncs. */
  maxWaitMs: number;
  /** Handles one batch (the changed paths, each once). Batches of one queue never overlap. */
  handle(paths: string[]): Promise<void>;
  /** Told about a batch that failed; the queue goes on with the next. */
  onError(error: unknown): void;
}

/**
 * The changes of one service, gathered into batches: a save that touches 50 files is one batch,
 * and so one sync and at most one restart. While a batch is being handled (a rebuild can take
 * minutes), new changes gather into the next batch, which starts when the current one is done:
 * nothing is lost and nothing runs twice at once.
 */
export class ChangeQueue {
  private pending = new Set<string>();
  private firstPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: ChangeQueueOptions) {}

  add(path: string): void {
    if (this.closed) return;
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    this.pending.add(path);
    this.schedule();
  }

  /** Resolves once no change is waiting and no batch is running. */
  async settled(): Promise<void> {
    while (this.running || this.pending.size > 0) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, this.options.quietMs));
    }
  }

  /** Drops what is waiting; a batch already running finishes. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending.clear();
    return this.running ?? Promise.resolve();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.running) return; // the running batch hands over to the next when it ends
    const waited = Date.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.options.quietMs, this.options.maxWaitMs - waited));
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    if (this.pending.size === 0 || this.running || this.closed) return;
    const batch = [...this.pending];
    this.pending = new Set();
    this.running = this.options
      .handle(batch)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running = undefined;
        if (this.pending.size > 0 && !this.closed) this.schedule();
      });
  }
}
