import { appendFileSync, closeSync, linkSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLogs, type LogMessage, type ReadLogsOptions } from '../../../../src/runtime/containers/monitor/index.js';
import { conmonLine, lineTime } from './log-lines.js';

let directory: string;
let logPath: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'berth-read-logs-'));
  logPath = join(directory, 'container.log');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function read(options: ReadLogsOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const message of readLogs(logPath, options)) out.push(`${message.stream}:${message.text.toString()}`);
  return out;
}

describe('reading a conmon log with Docker json-file semantics', () => {
  it('joins partial fragments with the line that ends them, per stream', async () => {
    writeFileSync(
      logPath,
      [
        conmonLine(1, 'stdout', 'P', 'hel'),
        conmonLine(1, 'stderr', 'F', 'oops'),
        conmonLine(2, 'stdout', 'P', 'lo '),
        conmonLine(3, 'stdout', 'F', 'world'),
        conmonLine(4, 'stdout', 'F', ''),
        conmonLine(5, 'stderr', 'P', 'no newline at exit'),
      ].join(''),
    );
    expect(await read()).toEqual(['stderr:oops\n', 'stdout:hello world\n', 'stdout:\n', 'stderr:no newline at exit']);
  });

  it('stamps a joined line with the time of its first fragment', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'P', 'a', 5) + conmonLine(9, 'stdout', 'F', 'b'));
    const messages: LogMessage[] = [];
    for await (const message of readLogs(logPath)) messages.push(message);
    expect(messages.map((message) => message.timeNs)).toEqual([lineTime(1, 5)]);
  });

  it('treats since and until as inclusive bounds to the nanosecond', async () => {
    writeFileSync(logPath, [1, 2, 3, 4].map((second) => conmonLine(second, 'stdout', 'F', `at-${second}`, 7)).join(''));
    expect(await read({ since: lineTime(2, 7), until: lineTime(3, 7) })).toEqual(['stdout:at-2\n', 'stdout:at-3\n']);
    expect(await read({ since: lineTime(2, 8) })).toEqual(['stdout:at-3\n', 'stdout:at-4\n']);
  });

  it('counts tail over both streams before choosing one, as Docker does', async () => {
    writeFileSync(logPath, [conmonLine(1, 'stdout', 'F', 'o1'), conmonLine(2, 'stderr', 'F', 'e1'), conmonLine(3, 'stdout', 'F', 'o2'), conmonLine(4, 'stderr', 'F', 'e2')].join(''));
    expect(await read({ tail: 2, stderr: false })).toEqual(['stdout:o2\n']);
    expect(await read({ tail: 0 })).toEqual([]);
    expect(await read({ tail: 10 })).toHaveLength(4);
  });

  it('applies tail before since, so a tail older than since shows nothing', async () => {
    writeFileSync(logPath, [1, 2, 3].map((second) => conmonLine(second, 'stdout', 'F', `at-${second}`)).join(''));
    expect(await read({ tail: 1, since: lineTime(2) })).toEqual(['stdout:at-3\n']);
    expect(await read({ tail: 1, until: lineTime(2) })).toEqual([]);
  });

  it('keeps a tail line whole when its fragments began before the tail', async () => {
    writeFileSync(logPath, [conmonLine(1, 'stdout', 'F', 'one'), conmonLine(2, 'stdout', 'P', 'tw'), conmonLine(3, 'stdout', 'F', 'o')].join(''));
    expect(await read({ tail: 1 })).toEqual(['stdout:two\n']);
  });

  it('reads rotated files oldest first, with the held file between the archives and the live one', async () => {
    writeFileSync(`${logPath}.2`, conmonLine(1, 'stdout', 'F', 'oldest'));
    writeFileSync(`${logPath}.1`, conmonLine(2, 'stdout', 'F', 'older'));
    writeFileSync(`${logPath}.0`, conmonLine(3, 'stdout', 'F', 'replaced, not yet filed'));
    writeFileSync(logPath, conmonLine(4, 'stdout', 'F', 'live'));
    expect(await read()).toEqual(['stdout:oldest\n', 'stdout:older\n', 'stdout:replaced, not yet filed\n', 'stdout:live\n']);
    expect(await read({ tail: 3 })).toEqual(['stdout:older\n', 'stdout:replaced, not yet filed\n', 'stdout:live\n']);
  });

  it('reads a held link to the live file once', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'once'));
    linkSync(logPath, `${logPath}.0`);
    expect(await read()).toEqual(['stdout:once\n']);
  });

  it('ignores a line conmon has not finished writing', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'done') + conmonLine(2, 'stdout', 'F', 'half').slice(0, 20));
    expect(await read()).toEqual(['stdout:done\n']);
  });

  it('follows appended lines and a rotation, reading the old file to its end first', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'before'));
    let finish = (): void => undefined;
    const followUntil = new Promise<void>((resolve) => (finish = resolve));
    const seen: string[] = [];
    const done = (async () => {
      for await (const message of readLogs(logPath, { follow: true, followUntil })) {
        seen.push(message.text.toString());
        if (seen.length === 1) {
          // conmon's rotation: the old file gets its last line, then an empty file replaces PATH.
          const old = openSync(logPath, 'a');
          writeSync(old, conmonLine(2, 'stdout', 'F', 'last in old file'));
          closeSync(old);
          renameSync(logPath, `${logPath}.1`);
          writeFileSync(`${logPath}.tmp`, '');
          renameSync(`${logPath}.tmp`, logPath);
          appendFileSync(logPath, conmonLine(3, 'stdout', 'P', 'first in '));
        }
        if (seen.length === 2) {
          appendFileSync(logPath, conmonLine(4, 'stdout', 'F', 'new file'));
          finish();
        }
      }
    })();
    await done;
    expect(seen).toEqual(['before\n', 'last in old file\n', 'first in new file\n']);
  });

  it('stops following when aborted', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'only'));
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const message of readLogs(logPath, { follow: true, signal: controller.signal })) {
      seen.push(message.text.toString());
      controller.abort();
    }
    expect(seen).toEqual(['only\n']);
  });

  it('with tail 0 and follow shows only output written after it started', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'history'));
    const controller = new AbortController();
    const first = (async () => {
      for await (const message of readLogs(logPath, { tail: 0, follow: true, signal: controller.signal })) return message.text.toString();
      return undefined;
    })();
    // Write until the reader sees something: it starts at some point among these writes.
    let written = 0;
    const writer = setInterval(() => appendFileSync(logPath, conmonLine(2, 'stdout', 'F', `new-${(written += 1)}`)), 10);
    try {
      expect(await first).toMatch(/^new-\d+\n$/);
    } finally {
      clearInterval(writer);
      controller.abort();
    }
  });
});
