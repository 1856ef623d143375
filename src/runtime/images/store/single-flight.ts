import { abortable } from '../abortable.js';

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

  leave(listener: ProgressListener | undefined): void {
    if (listener) this.listeners.delete(listener);
  }

  readonly report = (bytes: number): void => {
    this.latest = bytes;
    for (const listener of this.listeners) listener(bytes);
  };
}

/** The work's signal aborts when the last caller that could stop waiting has stopped. */
export type FlightWork<T> = (report: ProgressListener, signal: AbortSignal) => Promise<T>;

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly audience: Audience;
  readonly controller: AbortController;
  /** Callers with a signal still waiting. */
  waiting: number;
  /** A caller without a signal waits to the end, so the work is never aborted. */
  pinned: boolean;
}

/**
 * One piece of work per key at a time within this process: a caller that asks for a key already
 * being worked on joins it instead of starting again, and hears its progress from then on (the
 * latest figure at once). This is how two pulls that need the same blob share one download.
 *
 * A caller's `signal` stops its own wait at once (it rejects with the signal's reason). The work
 * itself is aborted, through the signal it is given, only when no caller waits for it any more;
 * a caller that comes while aborted work is still letting go waits for it to end and starts anew.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  run(key: string, work: FlightWork<T>, onProgress?: ProgressListener, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    const existing = this.flights.get(key);
    if (existing?.controller.signal.aborted) {
      const ended = existing.promise.then(() => undefined, () => undefined);
      return abortable(ended, signal).then(() => this.run(key, work, onProgress, signal));
    }
    return this.wait(existing ?? this.start(key, work), onProgress, signal);
  }

  private start(key: string, work: FlightWork<T>): Flight<T> {
    const audience = new Audience();
    const controller = new AbortController();
    const promise = work(audience.report, controller.signal).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    const flight: Flight<T> = { promise, audience, controller, waiting: 0, pinned: false };
    this.flights.set(key, flight);
    return flight;
  }

  private wait(flight: Flight<T>, onProgress: ProgressListener | undefined, signal: AbortSignal | undefined): Promise<T> {
    flight.audience.join(onProgress);
    if (signal === undefined) {
      flight.pinned = true;
      return flight.promise;
    }
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        flight.audience.leave(onProgress);
        flight.waiting--;
        if (flight.waiting === 0 && !flight.pinned) flight.controller.abort(signal.reason);
        reject(signal.reason as unknown);
      };
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }
}
