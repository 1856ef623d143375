import { describeAsRoot } from '../../../harness/root.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isConmonOf } from '../../../../src/runtime/containers/monitor/conmon/conmon-process.js';
import { ContainerMonitor, readLogs, type CreatedContainer } from '../../../../src/runtime/containers/monitor/index.js';
import { createMonitorFixture, type MonitorFixture } from './monitor-fixture.js';

/** Starts the container from a separate Node process, then kills that process with SIGKILL. */
async function startFromKilledProcess(fixture: MonitorFixture, args: string[]): Promise<{ container: CreatedContainer; killedAt: Date }> {
  const options = fixture.prepare(args);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'start-detached.fixture.ts'), fixture.runDirectory, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  child.kill('SIGKILL');
  await once(child, 'exit');
  return { container: JSON.parse(line) as CreatedContainer, killedAt: new Date() };
}

async function countMessages(logPath: string): Promise<number> {
  let count = 0;
  for await (const message of readLogs(logPath)) if (message.text.toString().startsWith('tick-')) count += 1;
  return count;
}

describeAsRoot('a container whose engine process is gone', () => {
  let fixture: MonitorFixture;
  beforeEach(() => {
    fixture = createMonitorFixture();
  });
  afterEach(async () => {
    expect(await fixture.cleanup()).toEqual([]);
  });

  it('keeps running, its log keeps growing, and its exit is recorded for the next engine', async () => {
    const script = 'i=0; while [ $i -lt 40 ]; do echo tick-$i; i=$((i+1)); sleep 0.05; done; exit 7';
    const { container, killedAt } = await startFromKilledProcess(fixture, ['sh', '-c', script]);

    // A new engine re-adopts it from the handle alone.
    const engine = new ContainerMonitor({ runDirectory: fixture.runDirectory });
    const observed = await engine.observe(container);
    expect(observed).toMatchObject({ status: 'running', pid: container.pid, conmonPid: container.conmonPid, monitorAlive: true, exit: undefined });

    const before = await countMessages(container.logPath);
    const more = readLogs(container.logPath, { tail: 0, follow: true })[Symbol.asyncIterator]();
    expect((await more.next()).value?.text.toString()).toMatch(/^tick-\d+\n$/);
    await more.return(undefined);
    expect(await countMessages(container.logPath)).toBeGreaterThan(before);

    const exit = await engine.waitForExit(container);
    expect(exit.exitCode).toBe(7);
    expect(exit.exitedAt.getTime()).toBeGreaterThanOrEqual(killedAt.getTime() - 1000);
    expect(await countMessages(container.logPath)).toBe(40);
    expect(await engine.observe(container)).toMatchObject({ status: 'stopped', monitorAlive: false, exit: { exitCode: 7, oomKilled: false } });
  });

  it('records the exit while no engine process is alive, and the next engine reads it', async () => {
    const { container } = await startFromKilledProcess(fixture, ['sh', '-c', 'sleep 0.3; exit 9']);
    // No process watches it now; the first thing the next engine does is look.
    await untilMonitorLeaves(container);
    const engine = new ContainerMonitor({ runDirectory: fixture.runDirectory });
    const observed = await engine.observe(container);
    expect(observed.exit?.exitCode).toBe(9);
    expect(observed.status).toBe('stopped');
    expect(observed.monitorAlive).toBe(false);
  });
});

/** conmon exits right after recording the exit; /proc is the only way to see it go (it is not our child). */
async function untilMonitorLeaves(container: CreatedContainer): Promise<void> {
  while (isConmonOf(container.conmonPid, container.monitorDirectory)) await new Promise((resolve) => setTimeout(resolve, 20));
}
