import { parseLogTimestamp } from './log-timestamps.js';

export type LogStream = 'stdout' | 'stderr';

/**
 * One line of conmon's k8s-file log: `TIMESTAMP STREAM TAG TEXT`. TAG `F` ends a line (TEXT
 * lacked only its newline), `P` is a fragment: conmon reads the container's output 8 KiB at a
 * time and writes whatever it read, so a long line, or output still waiting for its newline,
 * arrives as P fragments closed by an F.
 */
export interface LogRecord {
  timeNs: bigint;
  stream: LogStream;
  partial: boolean;
  text: Buffer;
}

const space = 0x20;

/** Parses one line (without its newline); undefined for anything that is not a record. */
export function parseLogLine(line: Buffer): LogRecord | undefined {
  const afterTime = line.indexOf(space);
  if (afterTime < 0) return undefined;
  const afterStream = line.indexOf(space, afterTime + 1);
  if (afterStream < 0) return undefined;
  const tag = line[afterStream + 1];
  if ((tag !== 0x46 && tag !== 0x50) || (line.length > afterStream + 2 && line[afterStream + 2] !== space)) return undefined;
  const stream = line.toString('latin1', afterTime + 1, afterStream);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const timeNs = parseLogTimestamp(line.toString('latin1', 0, afterTime));
  if (timeNs === undefined) return undefined;
  return { timeNs, stream, partial: tag === 0x50, text: line.subarray(Math.min(line.length, afterStream + 3)) };
}

/** The tag byte of a record that starts at `start` in `buffer`: 'F', 'P', or undefined. */
export function recordTagAt(buffer: Buffer, start: number): 'F' | 'P' | undefined {
  const afterTime = buffer.indexOf(space, start);
  if (afterTime < 0) return undefined;
  const afterStream = buffer.indexOf(space, afterTime + 1);
  if (afterStream < 0) return undefined;
  const tag = buffer[afterStream + 1];
  return tag === 0x46 ? 'F' : tag === 0x50 ? 'P' : undefined;
}
