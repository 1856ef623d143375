/** One line in the logs panel: a container's output, or berth's own note about the container. */
export interface LogEntry {
  /** Position in everything received, from 0; it keeps counting when old lines are dropped. */
  seq: number;
  service: string;
  /** The container's engine name: `demo-web-1`. */
  container: string;
  /** `note` lines are berth's, such as "exited with code 1" or "restarted". */
  stream: 'stdout' | 'stderr' | 'note';
  /** Printable text: control characters and escape sequences already removed. */
  text: string;
  /** RFC 3339 with nanoseconds, when the engine gave one. */
  timestamp?: string;
}

/**
 * The logs the UI keeps: a ring of the last `capacity` lines. A stack that writes forever costs a
 * fixed amount of memory; what falls off the front is counted in `dropped` so the panel can say so.
 */
export class LogBuffer {
  private readonly ring: LogEntry[] = [];
  private head = 0;
  private received = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`log buffer capacity must be a positive integer, got ${capacity}`);
  }

  push(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const stored = { ...entry, seq: this.received++ };
    if (this.ring.length < this.capacity) {
      this.ring.push(stored);
    } else {
      this.ring[this.head] = stored;
      this.head = (this.head + 1) % this.capacity;
    }
    return stored;
  }

  /** Lines received in all. */
  get total(): number {
    return this.received;
  }

  /** Lines that fell off the front. */
  get dropped(): number {
    return this.received - this.ring.length;
  }

  /** The seq of the oldest line still held; equals `total` when empty. */
  get firstSeq(): number {
    return this.dropped;
  }

  /** The line with this seq, when it is still held. */
  at(seq: number): LogEntry | undefined {
    const index = seq - this.dropped;
    if (index < 0 || index >= this.ring.length) return undefined;
    return this.ring[(this.head + index) % this.ring.length];
  }
}
