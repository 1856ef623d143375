import type { LogRecord, LogStream } from './log-record.js';

/**
 * One message as Docker's json-file gives it: a whole line of one stream, with its newline
 * (none when the output ended mid-line), stamped with the time its first byte was logged.
 */
export interface LogMessage {
  timeNs: bigint;
  stream: LogStream;
  text: Buffer;
}

/** A line that never ends is passed on in pieces of this size rather than held without bound. */
const maxPendingBytes = 1024 * 1024;

interface Pending {
  timeNs: bigint;
  pieces: Buffer[];
  bytes: number;
}

/**
 * Joins P fragments with the F record that closes them, per stream: stdout and stderr fragments
 * interleave freely in the file, but each stream's own fragments stay in order.
 */
export class MessageJoiner {
  private readonly pending = new Map<LogStream, Pending>();

  /** Adds one record and returns the messages it completed (zero or one, or one forced out). */
  push(record: LogRecord): LogMessage[] {
    const current = this.pending.get(record.stream);
    if (record.partial) {
      const next = current ?? { timeNs: record.timeNs, pieces: [], bytes: 0 };
      next.pieces.push(record.text);
      next.bytes += record.text.length;
      if (next.bytes < maxPendingBytes) {
        this.pending.set(record.stream, next);
        return [];
      }
      this.pending.delete(record.stream);
      return [{ timeNs: next.timeNs, stream: record.stream, text: Buffer.concat(next.pieces) }];
    }
    this.pending.delete(record.stream);
    const newline = Buffer.from('\n');
    if (!current) return [{ timeNs: record.timeNs, stream: record.stream, text: Buffer.concat([record.text, newline]) }];
    return [{ timeNs: current.timeNs, stream: record.stream, text: Buffer.concat([...current.pieces, record.text, newline]) }];
  }

  /** The fragments still waiting for their newline, oldest first: output that ended mid-line. */
  flush(): LogMessage[] {
    const messages = [...this.pending.entries()].map(([stream, pending]) => ({ timeNs: pending.timeNs, stream, text: Buffer.concat(pending.pieces) }));
    this.pending.clear();
    return messages.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  }
}
