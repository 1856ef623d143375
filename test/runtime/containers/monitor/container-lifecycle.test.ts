import { describeAsRoot } from '../../../harness/root.js';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { readLogs, runExec, type LogMessage } from '../../../../src/runtime/containers/monitor/index.js';
import { createMonitorFixture, type MonitorFixture } from './monitor-fixture.js';

async function collect(iterable: AsyncIterable<LogMessage>): Promise<string[]> {
  const lines: string[] = [];
  for await (const message of iterable) lines.push(`${message.stream}:${message.text.toString()}`);
  return lines;
}

describeAsRoot('a container under conmon', () => {
  let fixture: MonitorFixture;
  beforeEach(() => {
    fixture = createMonitorFixture();
  });
  afterEach(async () => {
    expect(await fixture.cleanup()).toEqual([]);
  });

  it('records the exit code of a command that exits with 3', async () => {
    const container = await fixture.create(['sh', '-c', 'exit 3']);
    await fixture.monitor.start(container);
    const exit = await fixture.monitor.waitForExit(container);
    expect(exit.exitCode).toBe(3);
    expect(exit.oomKilled).toBe(false);
    expect(Math.abs(exit.exitedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await fixture.monitor.observe(container)).status).toBe('stopped');
  });

  it('runs again from the same bundle after delete, appending to its log and recording the new exit', async () => {
    const options = fixture.prepare(['sh', '-c', 'echo run; exit 4']);
    const first = await fixture.monitor.create(options);
    await fixture.monitor.start(first);
    const firstExit = await fixture.monitor.waitForExit(first);
    await fixture.monitor.delete(first);
    const second = await fixture.monitor.create(options);
    expect(fixture.monitor.exitStatus(second)).toBeUndefined();
    await fixture.monitor.start(second);
    const secondExit = await fixture.monitor.waitForExit(second);
    expect(secondExit.exitCode).toBe(4);
    expect(secondExit.exitedAt.getTime()).toBeGreaterThanOrEqual(firstExit.exitedAt.getTime());
    expect(await collect(readLogs(second.logPath))).toEqual(['stdout:run\n', 'stdout:run\n']);
  });

  it('writes stdout and stderr to the log, each line with its stream', async () => {
    const container = await fixture.create(['sh', '-c', 'echo to-out; echo to-err >&2; printf no-newline']);
    await fixture.monitor.start(container);
    await fixture.monitor.waitForExit(container);
    const lines = await collect(readLogs(container.logPath));
    expect(lines.sort()).toEqual(['stderr:to-err\n', 'stdout:no-newline', 'stdout:to-out\n']);
  });

  it('reports runc\'s own error for a command that does not exist', async () => {
    const failure = fixture.create(['/no/such/program']);
    await expect(failure).rejects.toBeInstanceOf(BerthError);
    await expect(failure).rejects.toThrow('exec: "/no/such/program": stat /no/such/program: no such file or directory');
  });

  it('delivers SIGTERM to a trap, which exits with its own code', async () => {
    const container = await fixture.create(['sh', '-c', "trap 'echo got-term; exit 42' TERM; echo ready; while true; do sleep 0.05; done"]);
    await fixture.monitor.start(container);
    await waitForLine(container.logPath, 'ready\n');
    await fixture.monitor.kill(container, 'SIGTERM');
    expect((await fixture.monitor.waitForExit(container)).exitCode).toBe(42);
    expect(await collect(readLogs(container.logPath))).toEqual(['stdout:ready\n', 'stdout:got-term\n']);
  });

  it('leaves a PID 1 without a SIGTERM handler running, and SIGKILL ends it with 137', async () => {
    const container = await fixture.create(['sleep', '1000']);
    await fixture.monitor.start(container);
    // The kernel drops signals a namespace's init does not handle, as `docker kill -s TERM` shows.
    await fixture.monitor.kill(container, 'SIGTERM');
    expect((await fixture.monitor.observe(container)).status).toBe('running');
    await fixture.monitor.kill(container, 'SIGKILL');
    expect((await fixture.monitor.waitForExit(container)).exitCode).toBe(128 + 9);
  });

  it('pauses and resumes a running container', async () => {
    const container = await fixture.create(['sleep', '1000']);
    await fixture.monitor.start(container);
    await fixture.monitor.pause(container);
    expect((await fixture.monitor.observe(container)).status).toBe('paused');
    await expect(fixture.monitor.pause(container)).rejects.toThrow(/runc pause of container .* failed/);
    await fixture.monitor.resume(container);
    expect((await fixture.monitor.observe(container)).status).toBe('running');
  });

  it('runs an exec to its exit code and output', async () => {
    const container = await fixture.create(['sleep', '1000']);
    await fixture.monitor.start(container);
    const session = fixture.monitor.exec(container, { args: ['sh', '-c', 'echo out-$((1+1)); echo err >&2; exit 5'], cwd: '/', user: { uid: 0, gid: 0 }, env: ['PATH=/bin'] });
    expect(await runExec(session)).toEqual({ exitCode: 5, stdout: 'out-2\n', stderr: 'err\n' });
    const missing = fixture.monitor.exec(container, { args: ['/missing'], cwd: '/', user: { uid: 0, gid: 0 } });
    await expect(runExec(missing)).rejects.toThrow('stat /missing: no such file or directory');
  });

  it('kills an exec that outlives its timeout', async () => {
    const container = await fixture.create(['sleep', '1000']);
    await fixture.monitor.start(container);
    const session = fixture.monitor.exec(container, { args: ['sleep', '1000'], cwd: '/', user: { uid: 0, gid: 0 }, env: ['PATH=/bin'] });
    expect((await runExec(session, { timeoutMs: 200 })).exitCode).toBe(128 + 9);
    expect(await fixture.monitor.pids(container)).toEqual([container.pid]);
  });

  it("lists the host PIDs of a container's processes, for top", async () => {
    const container = await fixture.create(['sh', '-c', 'sleep 1000 & wait']);
    await fixture.monitor.start(container);
    const top = await waitFor(() => fixture.monitor.pids(container), (pids) => pids.length === 2);
    expect(top).toContain(container.pid);
    const child = top.find((pid) => pid !== container.pid);
    expect(readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(['sleep', '1000']);
  });

  it('feeds attached input to a cat container, which exits when the input ends', async () => {
    const container = await fixture.create(['cat'], { openStdin: true, stdinOnce: true });
    await fixture.monitor.start(container);
    const attachment = fixture.monitor.attachStdin(container);
    attachment.stdin.write('first line\n');
    attachment.stdin.end('second line\n');
    await attachment.closed;
    expect((await fixture.monitor.waitForExit(container)).exitCode).toBe(0);
    expect(await collect(readLogs(container.logPath))).toEqual(['stdout:first line\n', 'stdout:second line\n']);
  });

  it('relays a large attached input whole, however much of it arrives at once', async () => {
    const container = await fixture.create(['wc', '-c'], { openStdin: true, stdinOnce: true });
    await fixture.monitor.start(container);
    const attachment = fixture.monitor.attachStdin(container);
    attachment.stdin.end(Buffer.alloc(1_000_000, 'x'));
    await attachment.closed;
    await fixture.monitor.waitForExit(container);
    expect(await collect(readLogs(container.logPath))).toEqual(['stdout:1000000\n']);
  });

  it('logs the output of a container with a terminal', async () => {
    const container = await fixture.create(['sh', '-c', 'tty; echo on-a-tty'], { terminal: true });
    await fixture.monitor.start(container);
    await fixture.monitor.waitForExit(container);
    // A terminal has one stream, and turns each newline into CR LF as a terminal does.
    expect(await collect(readLogs(container.logPath))).toEqual(['stdout:/dev/pts/0\r\n', 'stdout:on-a-tty\r\n']);
  });

  it('resizes the terminal of a TTY container', async () => {
    const container = await fixture.create(['stty', 'size'], { terminal: true });
    expect(fixture.monitor.resizeTerminal(container, 30, 100)).toBe(true);
    await fixture.monitor.start(container);
    await fixture.monitor.waitForExit(container);
    expect(await collect(readLogs(container.logPath))).toEqual(['stdout:30 100\r\n']);
  });
});

/** Asks again until the answer satisfies `done`: a shell forks its child a moment after it starts. */
async function waitFor<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await ask();
    if (done(value)) return value;
  }
}

async function waitForLine(logPath: string, text: string): Promise<void> {
  const controller = new AbortController();
  for await (const message of readLogs(logPath, { follow: true, signal: controller.signal })) {
    if (message.text.toString() === text) return;
  }
}
