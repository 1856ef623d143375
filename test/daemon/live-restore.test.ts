import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { startBerthEngine, type BerthTestEngine } from '../harness/berth-engine.js';
import { berthFromSource, daemonArguments } from '../harness/berth-engine-setup.js';
import { engineRequest } from '../harness/engine-http.js';
import { pushFixture } from '../harness/fixtures/index.js';
import { useRegistry } from '../harness/registry.js';
import { describeAsRoot } from '../harness/root.js';
import { inspectContainer, processRuns, pullImage, runDetached, sessionOf } from './engine-calls.js';

/**
 * Containers outlive the daemon (DESIGN.md section 1): conmon holds each one, so a daemon that
 * stops, crashes or loses its whole process group leaves them running, and the next daemon on the
 * same directories adopts them.
 */
describeAsRoot('containers across daemon restarts', () => {
  const registry = useRegistry();
  let image = '';
  beforeAll(async () => {
    image = (await pushFixture(registry(), 'busybox', 'library/busybox:test')).reference;
  }, 120_000);

  /** A fresh engine with busybox in its store; stopped (and everything removed) after `scenario`. */
  async function withEngine(scenario: (engine: BerthTestEngine) => Promise<void>): Promise<void> {
    const engine = await startBerthEngine();
    try {
      await pullImage(engine.endpoint, image);
      await scenario(engine);
    } finally {
      await engine.stop();
    }
  }

  it('SIGTERM stops the daemon and leaves a running container running; the next daemon adopts it', async () => {
    await withEngine(async (engine) => {
      const id = await runDetached(engine.endpoint, { Image: image, Cmd: ['sleep', '300'] });
      const pid = (await inspectContainer(engine.endpoint, id)).State.Pid;
      process.kill(engine.daemon().pid, 'SIGTERM');
      expect(await engine.daemon().exited).toBe('exit code 0');
      expect(processRuns(pid)).toBe(true);

      await engine.restartDaemon();
      expect((await inspectContainer(engine.endpoint, id)).State).toMatchObject({ Status: 'running', Running: true, Pid: pid });
      // Adopted, not only listed: the new daemon stops it and records its exit.
      expect((await engineRequest(engine.endpoint, { method: 'POST', path: `/containers/${id}/stop?t=0` })).status).toBe(204);
      expect((await inspectContainer(engine.endpoint, id)).State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 137 });
      expect(processRuns(pid)).toBe(false);
    });
  }, 90_000);

  it('after SIGKILL the next daemon takes over the stale lock and socket, adopts what runs, records what exited meanwhile, and frees its networks', async () => {
    await withEngine(async (engine) => {
      const network = JSON.parse((await engineRequest(engine.endpoint, { method: 'POST', path: '/networks/create', json: { Name: 'kept' } })).body) as { Id: string };
      const kept = await runDetached(engine.endpoint, { Image: image, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'kept' } });
      const ended = await runDetached(engine.endpoint, { Image: image, Cmd: ['sleep', '300'] });
      const keptPid = (await inspectContainer(engine.endpoint, kept)).State.Pid;
      const endedPid = (await inspectContainer(engine.endpoint, ended)).State.Pid;

      process.kill(engine.daemon().pid, 'SIGKILL');
      expect(await engine.daemon().exited).toBe('killed by SIGKILL');
      const { setup } = engine;
      expect([existsSync(setup.socketPath), existsSync(setup.pidfile), existsSync(join(setup.dataRoot, 'berth.lock'))]).toEqual([true, true, true]);
      process.kill(endedPid, 'SIGKILL'); // exits while no daemon watches

      await engine.restartDaemon();
      expect((await inspectContainer(engine.endpoint, kept)).State).toMatchObject({ Running: true, Pid: keptPid });
      expect((await inspectContainer(engine.endpoint, ended)).State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 137 });
      expect(readFileSync(setup.pidfile, 'utf8')).toBe(`${engine.daemon().pid}\n`);

      // What the crash left is the new daemon's to remove: the container, then its network and bridge.
      const bridge = `br-${network.Id.slice(0, 12)}`;
      expect(linkExists(bridge)).toBe(true);
      expect((await engineRequest(engine.endpoint, { method: 'DELETE', path: `/containers/${kept}?force=1` })).status).toBe(204);
      expect((await engineRequest(engine.endpoint, { method: 'DELETE', path: `/networks/${network.Id}` })).status).toBe(204);
      expect(linkExists(bridge)).toBe(false);
      expect(processRuns(keptPid)).toBe(false);
    });
  }, 90_000);

  it("a container's monitor runs in a session of its own, so killing the daemon's whole process group leaves the container running", async () => {
    await withEngine(async (engine) => {
      // The harness's daemon shares the test's process group; this one gets a group of its own, as the CLI's auto-start gives it.
      process.kill(engine.daemon().pid, 'SIGTERM');
      await engine.daemon().exited;
      const { command, args } = berthFromSource();
      const detached = spawn(command, [...args, ...daemonArguments(engine.setup)], { detached: true, stdio: 'ignore' });
      await waitForPing(engine);
      const id = await runDetached(engine.endpoint, { Image: image, Cmd: ['sleep', '300'] });
      const pid = (await inspectContainer(engine.endpoint, id)).State.Pid;
      const conmon = Number(readFileSync(join(engine.setup.execRoot, 'monitors', id, 'conmon.pid'), 'utf8').trim());
      expect(sessionOf(conmon)).not.toBe(sessionOf(detached.pid!));

      process.kill(-detached.pid!, 'SIGKILL');
      await new Promise((resolve) => detached.once('exit', resolve));
      expect(processRuns(pid)).toBe(true);
      await engine.restartDaemon();
      expect((await inspectContainer(engine.endpoint, id)).State).toMatchObject({ Running: true, Pid: pid });
    });
  }, 90_000);
});

function linkExists(name: string): boolean {
  return (JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).some((link) => link.ifname === name);
}

async function waitForPing(engine: BerthTestEngine): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await engineRequest(engine.endpoint, { method: 'GET', path: '/_ping', timeoutMs: 1_000 }).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`the detached daemon did not answer; its log:\n${readFileSync(engine.logPath, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
