import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { socketGroupId } from '../../src/daemon/host/socket-group.js';
import { startBerthEngine, useBerthEngine } from '../harness/berth-engine.js';
import { describeAsRoot } from '../harness/root.js';
import { runBerthSource } from './berth-cli.js';

describeAsRoot('berth daemon, the process', () => {
  const engine = useBerthEngine();
  // A second daemon's files, apart from the first one's (short: socket paths hold 108 bytes).
  const other = mkdtempSync('/tmp/bdo-');
  afterAll(() => rmSync(other, { recursive: true, force: true }));

  it('listens on its socket with mode 0660, owned by root and the berth group where it exists, and says so in its log', () => {
    const { setup } = engine();
    const socket = statSync(setup.socketPath);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o660);
    expect(socket.uid).toBe(0);
    expect(socket.gid).toBe(socketGroupId() ?? 0);
    expect(readFileSync(setup.logPath, 'utf8')).toMatch(new RegExp(`level=info msg="API listen on ${setup.socketPath}"`));
  });

  it('writes its pid to the pid file and holds the data root\'s lock', () => {
    const { setup } = engine();
    const pid = engine().daemon().pid;
    expect(readFileSync(setup.pidfile, 'utf8')).toBe(`${pid}\n`);
    expect(readFileSync(join(setup.dataRoot, 'berth.lock'), 'utf8')).toMatch(new RegExp(`^${pid} \\d+\\n$`));
  });

  it('refuses a second daemon on the same data root, naming the first one\'s pid', async () => {
    const { setup } = engine();
    const run = await runBerthSource(['daemon', `--host=unix://${other}/b.sock`, `--data-root=${setup.dataRoot}`, `--exec-root=${other}/exec`, `--pidfile=${other}/b.pid`, `--log-file=${other}/b.log`, `--config-file=${setup.configPath}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`berth: another berth daemon (pid ${engine().daemon().pid}) is using the data root ${setup.dataRoot} (lock ${join(setup.dataRoot, 'berth.lock')})\n`);
    expect(existsSync(`${other}/b.sock`)).toBe(false);
  });

  it('refuses a socket another live engine listens on, naming that engine\'s pid, and leaves the socket to it', async () => {
    const { setup } = engine();
    const run = await runBerthSource(['daemon', `--host=unix://${setup.socketPath}`, `--data-root=${other}/data`, `--exec-root=${other}/exec`, `--pidfile=${other}/b.pid`, `--log-file=${other}/b.log`, `--config-file=${setup.configPath}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`berth: another engine is listening on ${setup.socketPath} (pid ${engine().daemon().pid})\n`);
    expect(existsSync(`${other}/b.pid`)).toBe(false);
    expect((await ping(setup.socketPath)).status).toBe(200);
  });
});

describeAsRoot('berth daemon, stopped with SIGTERM', () => {
  it('closes open streams, exits 0 and removes its socket, pid file and lock', async () => {
    const engine = await startBerthEngine();
    try {
      const { setup } = engine;
      const events = await openStream(setup.socketPath, '/events');
      const daemon = engine.daemon();
      process.kill(daemon.pid, 'SIGTERM');
      expect(await daemon.exited).toBe('exit code 0');
      await events.closed;
      expect([existsSync(setup.socketPath), existsSync(setup.pidfile), existsSync(join(setup.dataRoot, 'berth.lock'))]).toEqual([false, false, false]);
      expect(readFileSync(setup.logPath, 'utf8')).toMatch(/msg="Processing signal 'SIGTERM'"[\s\S]*msg="Daemon shutdown complete"/);
    } finally {
      await engine.stop();
    }
  });

  it('starts again on the same directories, keeping its engine id', async () => {
    const engine = await startBerthEngine();
    try {
      const id = readFileSync(join(engine.setup.dataRoot, 'engine-id'), 'utf8');
      process.kill(engine.daemon().pid, 'SIGTERM');
      await engine.daemon().exited;
      await engine.restartDaemon();
      expect(readFileSync(join(engine.setup.dataRoot, 'engine-id'), 'utf8')).toBe(id);
    } finally {
      await engine.stop();
    }
  });
});

function ping(socketPath: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path: '/_ping', agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    })
      .on('error', reject)
      .end();
  });
}

/** A streaming GET that stays open; `closed` settles when the daemon ends it. */
function openStream(socketPath: string, path: string): Promise<{ closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path, agent: false }, (response) => {
      const closed = new Promise<void>((done) => {
        response.once('close', () => done());
        response.once('error', () => done());
      });
      response.resume();
      resolve({ closed });
    })
      .on('error', reject)
      .end();
  });
}

