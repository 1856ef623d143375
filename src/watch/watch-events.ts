import type { WatchAction } from './watch-rules.js';

/**
 * What watch reports as it works, for plain output and for the terminal UI: which files went
 * where, which action ran, and how long it took. `time` is milliseconds since the epoch.
 */
export type WatchEvent = { time: number } & (
  | { kind: 'watching'; service: string; actions: WatchAction[]; paths: string[] }
  | { kind: 'synced'; service: string; target: string; copied: string[]; deleted: string[]; files: number; containers: number; ms: number; reason: 'change' | 'initial' | 'catch-up' }
  | { kind: 'restarted'; service: string; ms: number }
  | { kind: 'rebuilding'; service: string; changes: number }
  | { kind: 'rebuilt'; service: string; ms: number }
  | { kind: 'executed'; service: string; container: string; command: string; exitCode: number; output: string; ms: number }
  | { kind: 'not-running'; service: string; changes: number }
  | { kind: 'failed'; service: string; action: string; message: string }
);

/** Where events go; it never throws. */
export type WatchSink = (event: WatchEvent) => void;

/** An event stamped with the current time. */
export function watchEvent<E extends Omit<WatchEvent, 'time'>>(event: E): E & { time: number } {
  return { ...event, time: Date.now() };
}
