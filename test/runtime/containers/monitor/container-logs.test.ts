import { describeAsRoot } from '../../../harness/root.js';
import { existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { formatLogTimestamp, readLogs, type LogMessage, type ReadLogsOptions } from '../../../../src/runtime/containers/monitor/index.js';
import { createMonitorFixture, type MonitorFixture } from './monitor-fixture.js';

async function read(logPath: string, options: ReadLogsOptions = {}): Promise<LogMessage[]> {
  const messages: LogMessage[] = [];
  for await (const message of readLogs(logPath, options)) messages.push(message);
  return messages;
}

const texts = (messages: LogMessage[]): string[] => messages.map((message) => message.text.toString());

describeAsRoot('the log of a container under conmon', () => {
  let fixture: MonitorFixture;
  beforeEach(() => {
    fixture = createMonitorFixture();
  });
  afterEach(async () => {
    expect(await fixture.cleanup()).toEqual([]);
  });

  it('stamps each line with its time, and since, until and tail select from it', async () => {
    const startedAt = BigInt(Date.now()) * 1_000_000n;
    const container = await fixture.create(['sh', '-c', 'for i in 1 2 3 4 5; do echo out-$i; echo err-$i >&2; sleep 0.02; done']);
    await fixture.monitor.start(container);
    await fixture.monitor.waitForExit(container);
    const all = await read(container.logPath);
    expect(texts(all.filter((message) => message.stream === 'stdout'))).toEqual(['out-1\n', 'out-2\n', 'out-3\n', 'out-4\n', 'out-5\n']);
    expect(texts(all.filter((message) => message.stream === 'stderr'))).toEqual(['err-1\n', 'err-2\n', 'err-3\n', 'err-4\n', 'err-5\n']);
    for (const message of all) expect(message.timeNs).toBeGreaterThanOrEqual(startedAt - 1_000_000_000n);
    expect(formatLogTimestamp(all[0]?.timeNs ?? 0n)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    const third = all.find((message) => message.text.toString() === 'out-3\n');
    expect(texts(await read(container.logPath, { stderr: false, since: third?.timeNs }))).toEqual(['out-3\n', 'out-4\n', 'out-5\n']);
    expect(texts(await read(container.logPath, { stderr: false, until: third?.timeNs }))).toEqual(['out-1\n', 'out-2\n', 'out-3\n']);
    expect(await read(container.logPath, { tail: 4 })).toEqual(all.slice(-4));
    expect(texts(await read(container.logPath, { stdout: false, tail: 2 }))).toEqual(['err-5\n']);
  });

  it('follows new output as it is written and ends when the container exits', async () => {
    const container = await fixture.create(['sh', '-c', 'echo first; sleep 0.3; for i in 1 2 3; do echo next-$i; sleep 0.05; done; printf tail-without-newline']);
    await fixture.monitor.start(container);
    const exited = fixture.monitor.waitForExit(container);
    const followed: string[] = [];
    for await (const message of readLogs(container.logPath, { follow: true, followUntil: exited })) {
      followed.push(message.text.toString());
      // The container is still running when its first line is read: the reader waits for more.
      if (followed.length === 1) expect(existsSync(`${container.monitorDirectory}/exit`)).toBe(false);
    }
    expect(followed).toEqual(['first\n', 'next-1\n', 'next-2\n', 'next-3\n', 'tail-without-newline']);
  });

  it('rotates at max-size, keeps at most max-file files, and reads across them in order', async () => {
    const container = await fixture.create(['sh', '-c', 'i=100; while [ $i -lt 180 ]; do echo line-$i; i=$((i+1)); sleep 0.01; done'], {
      logLimits: { maxSize: 400, maxFiles: 3 },
    });
    const rotation = fixture.monitor.logRotation(container, { maxSize: 400, maxFiles: 3 }).watch();
    try {
      await fixture.monitor.start(container);
      await fixture.monitor.waitForExit(container);
      rotation.reconcile();
    } finally {
      rotation.close();
    }
    const path = container.logPath;
    expect(existsSync(`${path}.1`) && existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    // PATH.0 is the second name of the live file, not a file of its own.
    expect(statSync(`${path}.0`).ino).toBe(statSync(path).ino);

    const lines = texts(await read(path)).map((text) => Number(text.slice('line-'.length)));
    expect(lines.at(-1)).toBe(179);
    expect(lines[0]).toBeGreaterThan(100);
    // Whatever rotation kept is one unbroken run: nothing lost between files, nothing repeated.
    expect(lines).toEqual(lines.map((_, index) => (lines[0] ?? 0) + index));
  });
});
