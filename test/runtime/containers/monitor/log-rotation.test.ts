import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRotation, readLogs } from '../../../../src/runtime/containers/monitor/index.js';
import { conmonLine } from './log-lines.js';

let directory: string;
let logPath: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'berth-log-rotation-'));
  logPath = join(directory, 'container.log');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** conmon's side: it appends through one descriptor and, at its size limit, renames an empty PATH.tmp over PATH. */
class FakeConmon {
  private descriptor = openSync(logPath, 'a');
  write(text: string): void {
    writeSync(this.descriptor, text);
  }
  reopen(): void {
    closeSync(this.descriptor);
    writeFileSync(`${logPath}.tmp`, '');
    renameSync(`${logPath}.tmp`, logPath);
    this.descriptor = openSync(logPath, 'a');
  }
  close(): void {
    closeSync(this.descriptor);
  }
}

async function texts(): Promise<string[]> {
  const out: string[] = [];
  for await (const message of readLogs(logPath)) out.push(message.text.toString().trim());
  return out;
}

describe('log rotation around conmon', () => {
  it('files each file conmon replaced as PATH.1 and keeps at most max-file files', async () => {
    const limits = { maxSize: 100, maxFiles: 3 };
    LogRotation.prepare(logPath, limits);
    const rotation = new LogRotation(logPath, limits);
    const conmon = new FakeConmon();
    for (let file = 1; file <= 5; file += 1) {
      conmon.write(conmonLine(file, 'stdout', 'F', `file-${file}`));
      if (file < 5) conmon.reopen();
      rotation.reconcile();
    }
    conmon.close();
    expect(await texts()).toEqual(['file-3', 'file-4', 'file-5']);
    expect(existsSync(`${logPath}.3`)).toBe(false);
    expect(statSync(`${logPath}.0`).ino).toBe(statSync(logPath).ino);
  });

  it('loses nothing written between conmon\'s reopen and the rotation catching up', async () => {
    const limits = { maxSize: 100, maxFiles: 2 };
    LogRotation.prepare(logPath, limits);
    const conmon = new FakeConmon();
    conmon.write(conmonLine(1, 'stdout', 'F', 'before'));
    conmon.reopen();
    conmon.write(conmonLine(2, 'stdout', 'F', 'after'));
    // Only now does the engine look.
    expect(await texts()).toEqual(['before', 'after']);
    new LogRotation(logPath, limits).reconcile();
    conmon.close();
    expect(readFileSync(`${logPath}.1`, 'utf8')).toContain('before');
    expect(await texts()).toEqual(['before', 'after']);
  });

  it('with max-file 1 drops what conmon replaced, as Docker truncates', async () => {
    const limits = { maxSize: 100, maxFiles: 1 };
    LogRotation.prepare(logPath, limits);
    const conmon = new FakeConmon();
    conmon.write(conmonLine(1, 'stdout', 'F', 'gone'));
    conmon.reopen();
    conmon.write(conmonLine(2, 'stdout', 'F', 'kept'));
    new LogRotation(logPath, limits).reconcile();
    conmon.close();
    expect(existsSync(`${logPath}.1`)).toBe(false);
    expect(await texts()).toEqual(['kept']);
  });

  it('files the log of an earlier run before the container starts again', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'first run'));
    LogRotation.prepare(logPath, { maxSize: 100, maxFiles: 2 });
    expect(statSync(logPath).size).toBe(0);
    expect(await texts()).toEqual(['first run']);
  });

  it('leaves a log without max-size alone', async () => {
    writeFileSync(logPath, conmonLine(1, 'stdout', 'F', 'appended to'));
    LogRotation.prepare(logPath, {});
    expect(existsSync(`${logPath}.0`)).toBe(false);
    expect(await texts()).toEqual(['appended to']);
  });
});
