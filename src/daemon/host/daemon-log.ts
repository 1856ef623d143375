import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { logLevels, type LogLevel } from '../config/index.js';

/**
 * The daemon's log, in dockerd's (logrus's) text form, `time="..." level=info msg="..." key=value`,
 * appended to the log file and written to stderr. When stderr already is the log file (the CLI's
 * auto-start points it there, to keep what is printed before the log opens), each line goes once.
 * Lines below the level cost one comparison.
 */
export class DaemonLog {
  private readonly threshold: number;

  private constructor(
    private readonly fd: number | undefined,
    level: LogLevel,
    private readonly stderr: (line: string) => void,
  ) {
    this.threshold = logLevels.indexOf(level);
  }

  static open(path: string, level: LogLevel, stderr: (line: string) => void = (line) => process.stderr.write(line)): DaemonLog {
    mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
    const fd = openSync(path, 'a', 0o640);
    if (sameFile(fd, 2)) {
      closeSync(fd);
      return new DaemonLog(undefined, level, stderr);
    }
    return new DaemonLog(fd, level, stderr);
  }

  debug(message: string, fields?: Record<string, string | number>): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: Record<string, string | number>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, string | number>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, string | number>): void {
    this.write('error', message, fields);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }

  private write(level: LogLevel, message: string, fields: Record<string, string | number> = {}): void {
    if (logLevels.indexOf(level) < this.threshold) return;
    const extra = Object.entries(fields).map(([key, value]) => ` ${key}=${typeof value === 'number' ? value : JSON.stringify(value)}`);
    // logrus prints "warning"; berth's flag takes both.
    const line = `time="${new Date().toISOString()}" level=${level === 'warn' ? 'warning' : level} msg=${JSON.stringify(message)}${extra.join('')}\n`;
    // Synchronous on purpose: the last line before a crash is the one worth having.
    if (this.fd !== undefined) writeSync(this.fd, line);
    this.stderr(line);
  }
}

function sameFile(a: number, b: number): boolean {
  try {
    const first = fstatSync(a);
    const second = fstatSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}
