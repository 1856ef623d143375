/**
 * A WatchControl for the UI's tests: it counts starts and stops, hands the test the sink to emit
 * events through, and can hold a start open or reject it.
 */
import type { WatchControl, WatchEvent, WatchSink } from '../../src/watch/index.js';

export interface FakeWatch extends WatchControl {
  starts: number;
  stops: number;
  /** Sends an event as the running watch would; fails when no watch was started. */
  emit(event: WatchEvent): void;
}

export interface FakeWatchOptions {
  /** The start waits for this before resolving (or rejecting with `failure`). */
  until?: Promise<void>;
  failure?: Error;
  /** The watch's stop rejects with this. */
  stopFailure?: Error;
}

export function fakeWatch(options: FakeWatchOptions = {}): FakeWatch {
  let sink: WatchSink | undefined;
  const fake: FakeWatch = {
    starts: 0,
    stops: 0,
    emit: (event) => {
      if (!sink) throw new Error('the fake watch was not started');
      sink(event);
    },
    start: async (emit) => {
      fake.starts++;
      await options.until;
      if (options.failure) throw options.failure;
      sink = emit;
      return {
        settled: () => Promise.resolve(),
        stop: async () => {
          fake.stops++;
          if (options.stopFailure) throw options.stopFailure;
        },
      };
    },
  };
  return fake;
}

/** A promise the test resolves when it chooses. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A `synced` event of web: one file, 24 ms. */
export function syncedEvent(service = 'web'): WatchEvent {
  return { kind: 'synced', time: Date.parse('2026-01-02T03:04:05Z'), service, target: '/app', copied: ['/app/a.js'], deleted: [], files: 1, containers: 1, ms: 24, reason: 'change' };
}
