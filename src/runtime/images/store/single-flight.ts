export type ProgressListener = (bytes: number) => void;

/** Who is waiting on one piece of work, and the last progress figure it reported. */
class Audience {
  readonly listeners = new Set<ProgressListener>();
  latest: number | undefined;

  join(listener: ProgressListener | undefined): void {
    if (!listener) return;
    this.listeners.add(listener);
    if (this.latest !== undefined) listener(this.latest);
  }

  readonly report = (bytes: number): void => {
    this.latest = bytes;
    for (const listener of this.listeners) listener(bytes);
  };
}

/**
 * One piece of work per key at a time within this process: a caller that asks for a key already
 * being worked on joins it instead of starting again, and hears its progress from then on (the
 * latest figure at once). This is how two pulls that need the same blob share one download.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, { promise: Promise<T>; audience: Audience }>();

  run(key: string, work: (report: ProgressListener) => Promise<T>, onProgress?: ProgressListener): Promise<T> {
    const existing = this.flights.get(key);
    if (existing) {
      existing.audience.join(onProgress);
      return existing.promise;
    }
    const audience = new Audience();
    audience.join(onProgress);
    const promise = work(audience.report).finally(() => this.flights.delete(key));
    this.flights.set(key, { promise, audience });
    return promise;
  }
}
