import { openLogFiles, type OpenLogFile } from './log-file-set.js';
import { LineReader } from './line-reader.js';
import { parseLogLine } from './log-record.js';
import { LogFollower, type FollowStart } from './log-follower.js';
import { MessageJoiner, type LogMessage } from './message-joiner.js';
import { tailStart } from './tail-start.js';

/**
 * What `docker logs` asks of a json-file log, with Docker's meaning:
 * - `tail` keeps the last N messages (all when undefined, none when 0), counted before `since`,
 *   `until` and the stream choice are applied, as Docker's json-file reader counts them;
 * - `since` and `until` (nanoseconds since the epoch) are inclusive bounds on a message's time;
 * - `follow` goes on with new output, across rotations, until `followUntil` settles (the
 *   container's exit: what is left is read first) or `signal` aborts (at once), or a message
 *   comes after `until`.
 */
export interface ReadLogsOptions {
  stdout?: boolean;
  stderr?: boolean;
  since?: bigint;
  until?: bigint;
  tail?: number;
  follow?: boolean;
  followUntil?: Promise<unknown>;
  signal?: AbortSignal;
}

/** The messages of the log at `logPath` (conmon's k8s-file format, with rotated files). */
export async function* readLogs(logPath: string, options: ReadLogsOptions = {}): AsyncGenerator<LogMessage> {
  const wanted = selector(options);
  const files = await openLogFiles(logPath);
  let follower: LogFollower | undefined;
  try {
    const joiner = new MessageJoiner();
    const progress: History = { joiner, live: undefined };
    for await (const message of readHistory(files, progress, options.tail)) {
      if (pastUntil(message, options)) return;
      if (wanted(message)) yield message;
    }
    if (!options.follow) {
      for (const message of joiner.flush()) if (!pastUntil(message, options) && wanted(message)) yield message;
      return;
    }
    follower = new LogFollower(logPath, progress.live, options);
    for await (const record of follower.records()) {
      for (const message of joiner.push(record)) {
        if (pastUntil(message, options)) return;
        if (wanted(message)) yield message;
      }
    }
    if (!options.signal?.aborted) for (const message of joiner.flush()) if (!pastUntil(message, options) && wanted(message)) yield message;
  } finally {
    follower?.close();
    await Promise.all(files.map((file) => file.handle.close().catch(() => undefined)));
  }
}

interface History {
  joiner: MessageJoiner;
  /** The live (newest) file and how far it was read: where following goes on. */
  live: FollowStart | undefined;
}

/** The messages already in the files; fragments still open stay in the joiner for the follower. */
async function* readHistory(files: OpenLogFile[], history: History, tail: number | undefined): AsyncGenerator<LogMessage> {
  const newest = files.at(-1);
  if (tail === 0) {
    if (newest) history.live = { reader: new LineReader(newest.handle, await endOfLastLine(newest)), ino: newest.ino };
    return;
  }
  const start = tail === undefined ? { fileIndex: 0, offset: 0 } : await tailStart(files, tail);
  const kept: LogMessage[] = [];
  for (let index = start.fileIndex; index < files.length; index += 1) {
    const file = files[index];
    if (!file) continue;
    const reader = new LineReader(file.handle, index === start.fileIndex ? start.offset : 0);
    for await (const line of reader.lines()) {
      const record = parseLogLine(line);
      if (!record) continue;
      for (const message of history.joiner.push(record)) {
        if (tail === undefined) yield message;
        else if (kept.push(message) > tail) kept.shift();
      }
    }
    if (file === newest) history.live = { reader, ino: file.ino };
  }
  yield* kept;
}

/** The offset just past the last newline: a line still being written is read in full later. */
export async function endOfLastLine(file: OpenLogFile): Promise<number> {
  const chunk = 64 * 1024;
  for (let end = file.size; end > 0; end -= chunk) {
    const start = Math.max(0, end - chunk);
    const buffer = Buffer.alloc(end - start);
    await file.handle.read(buffer, 0, buffer.length, start);
    const newline = buffer.lastIndexOf(0x0a);
    if (newline >= 0) return start + newline + 1;
  }
  return 0;
}

function selector(options: ReadLogsOptions): (message: LogMessage) => boolean {
  const stdout = options.stdout ?? true;
  const stderr = options.stderr ?? true;
  return (message) => (message.stream === 'stdout' ? stdout : stderr) && (options.since === undefined || message.timeNs >= options.since);
}

function pastUntil(message: LogMessage, options: ReadLogsOptions): boolean {
  return options.until !== undefined && message.timeNs > options.until;
}
