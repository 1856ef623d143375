import { describeAsRoot } from '../../../harness/root.js';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import type { ContainerEngine } from '../../../../src/runtime/containers/engine/index.js';
import type { ReadLogsOptions } from '../../../../src/runtime/containers/monitor/index.js';
import { runToExit, useEngine } from './engine-fixture.js';

const lineCount = 60;

/** The log's messages as `[line, time]`, read with `options` as `docker logs` would. */
async function messages(engine: ContainerEngine, id: string, options: Omit<ReadLogsOptions, 'followUntil'> = {}): Promise<Array<[string, bigint]>> {
  const read: Array<[string, bigint]> = [];
  for await (const message of engine.logs(id, { stdout: true, stderr: true, ...options })) read.push([message.text.toString().trimEnd(), message.timeNs]);
  return read;
}

function lines(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => `line ${String(from + index).padStart(2, '0')} ${'.'.repeat(30)}`);
}

describeAsRoot("the container engine's json-file log options", () => {
  const fixture = useEngine();

  it('rotates the log at max-size, keeps max-file files, and reads logs with tail and since across them', async () => {
    const engine = fixture.engine();
    // One line every 10 ms: each rotation is filed before the next (see LogRotation).
    const script = `for i in $(seq -w 1 ${lineCount}); do echo "line $i ${'.'.repeat(30)}"; sleep 0.01; done`;
    const { id, exitCode } = await runToExit(engine, {
      Image: await fixture.image('busybox'),
      Cmd: ['sh', '-c', script],
      HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '1k', 'max-file': '3' } } },
    });
    expect(exitCode).toBe(0);

    const logPath = engine.inspect(id).LogPath;
    const files = readdirSync(dirname(logPath)).filter((name) => name.startsWith(basename(logPath))).map((name) => statSync(join(dirname(logPath), name)));
    // PATH, PATH.1 and PATH.2, and berth's PATH.0, a second name for the live file.
    expect(new Set(files.map((file) => file.ino)).size).toBe(3);
    for (const file of files) expect(file.size).toBeLessThanOrEqual(1024);

    const all = await messages(engine, id);
    const first = Number(all[0]?.[0].slice(5, 7));
    // The oldest lines went with the dropped files; what is kept runs without a gap to the last line.
    expect(first).toBeGreaterThan(1);
    expect(all.map(([line]) => line)).toEqual(lines(first, lineCount));
    expect(all.length).toBeGreaterThan(1024 / 80);
    expect(all.map(([, time]) => time)).toEqual(all.map(([, time]) => time).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    expect((await messages(engine, id, { tail: 15 })).map(([line]) => line)).toEqual(lines(lineCount - 14, lineCount));
    const [, since] = all[3]!;
    expect((await messages(engine, id, { since })).map(([line]) => line)).toEqual(lines(first + 3, lineCount));
    expect((await messages(engine, id, { since, tail: 2 })).map(([line]) => line)).toEqual(lines(lineCount - 1, lineCount));
  });
});
