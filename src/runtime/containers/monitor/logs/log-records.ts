import { openLogFiles, type OpenLogFile } from './log-file-set.js';
import { LineReader } from './line-reader.js';
import { LogFollower } from './log-follower.js';
import { parseLogLine, type LogRecord } from './log-record.js';
import { endOfLastLine } from './read-logs.js';

export interface LogRecordsOptions {
  /** Start with what the log already holds, its archives first; otherwise with what is written from now on. */
  history: boolean;
  /** Follow until this settles; what is written before it is read first. */
  followUntil: Promise<unknown>;
  signal?: AbortSignal;
}

/**
 * The log's records as conmon wrote them, not joined into lines: what an attached client sees
 * (attach, and a terminal exec whose output conmon logs). A shell's prompt has no newline, so a
 * reader that waited for whole lines would never show it; each record goes out as it lands, with
 * its newline back when it is the last piece of a line (F).
 *
 * The starting point is fixed at the first `next()`. A log that does not exist yet (a container
 * never started) is picked up from its first byte when conmon creates it.
 */
export async function* logRecords(logPath: string, options: LogRecordsOptions): AsyncGenerator<LogRecord> {
  const files = await openLogFiles(logPath);
  let follower: LogFollower | undefined;
  try {
    const newest = files.at(-1);
    if (options.history) for (const file of files.slice(0, -1)) yield* fileRecords(file);
    const start = newest ? { reader: new LineReader(newest.handle, options.history ? 0 : await endOfLastLine(newest)), ino: newest.ino } : undefined;
    follower = new LogFollower(logPath, start, { followUntil: options.followUntil, ...(options.signal ? { signal: options.signal } : {}) });
    yield* follower.records();
  } finally {
    follower?.close();
    await Promise.all(files.map((file) => file.handle.close().catch(() => undefined)));
  }
}

/** A record's bytes as the process wrote them: its text, and the newline an F record stands for. */
export function recordBytes(record: LogRecord): Buffer {
  return record.partial ? record.text : Buffer.concat([record.text, newline]);
}

const newline = Buffer.from('\n');

async function* fileRecords(file: OpenLogFile): AsyncGenerator<LogRecord> {
  for await (const line of new LineReader(file.handle, 0).lines()) {
    const record = parseLogLine(line);
    if (record) yield record;
  }
}
