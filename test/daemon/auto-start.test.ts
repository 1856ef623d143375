import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { guardIpForward } from '../network/firewall/forwarding-guard.js';
import { leaseAddressPool } from '../harness/address-pool-lease.js';
import { makeBerthEngineSetup, type BerthEngineSetup } from '../harness/berth-engine-setup.js';
import { tearDownBerthEngine } from '../harness/berth-engine-teardown.js';
import { describeAsRoot } from '../harness/root.js';
import { runBerthSource } from './berth-cli.js';
import { processRuns, sessionOf } from './engine-calls.js';

/**
 * The CLI starts berth's engine when the default engine is chosen and nothing listens on its
 * socket. BERTH_EXEC_ROOT, BERTH_DATA_ROOT and BERTH_DAEMON_CONFIG move the default socket, state
 * and config file into a test directory, so these tests never touch /run/berth.
 */
describeAsRoot('the CLI starting berth\'s engine', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  }, 60_000);

  /** A directory for one auto-started engine, its settings, and the environment that points the CLI at it. */
  function defaultEngineSetup(extra: Record<string, unknown> = {}): { setup: BerthEngineSetup; env: Record<string, string> } {
    const lease = leaseAddressPool();
    const guard = guardIpForward();
    const [base = '', size = '24'] = lease.pool.replace('base=', '').split(',size=');
    const made = makeBerthEngineSetup({ base, size: Number(size) }, extra);
    // Where the daemon puts them by default: the socket and pid file in the run root, the log beside the state.
    const setup = { ...made, socketPath: join(made.execRoot, 'berth.sock'), pidfile: join(made.execRoot, 'berth.pid'), logPath: join(made.dataRoot, 'berth.log') };
    cleanups.push(async () => {
      const pid = Number(readIfPresent(setup.pidfile));
      if (pid > 0 && processRuns(pid)) {
        process.kill(pid, 'SIGTERM');
        while (processRuns(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await tearDownBerthEngine(setup)).toEqual([]);
      lease.release();
      guard.release();
    });
    chmodSync(made.directory, 0o755); // the non-root scenario reads its way to the socket path
    const env = {
      BERTH_EXEC_ROOT: made.execRoot,
      BERTH_DATA_ROOT: made.dataRoot,
      BERTH_DAEMON_CONFIG: made.configPath,
      BERTH_CONFIG: join(made.directory, 'cli-config'),
      HOME: made.directory,
    };
    return { setup, env };
  }

  it('starts the daemon in a session of its own when the default socket is missing, says where its log is, and goes on', async () => {
    const { setup, env } = defaultEngineSetup();
    const run = await runBerthSource(['ls'], { env });
    const pid = Number(readIfPresent(setup.pidfile));
    expect(run.stderr).toBe(`berth: started berth's engine (pid ${pid}); its log is ${setup.logPath}\n`);
    expect(run.stdout).toBe('NAME                STATUS              CONFIG FILES\n');
    expect(run.status).toBe(0);
    expect(sessionOf(pid)).toBe(pid);
    // The daemon's stderr is its log file: each line is there once.
    expect(readFileSync(setup.logPath, 'utf8').split(`msg="API listen on ${setup.socketPath}"`).length).toBe(2);

    const again = await runBerthSource(['ls'], { env });
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(readIfPresent(setup.pidfile)).toBe(String(pid));
  }, 60_000);

  it('starts the daemon when the default socket is a dead daemon\'s, which nothing answers on', async () => {
    const { setup, env } = defaultEngineSetup();
    mkdirSync(setup.execRoot, { recursive: true });
    await staleSocketAt(setup.socketPath);
    const run = await runBerthSource(['ls'], { env });
    expect(run.stderr).toMatch(/^berth: started berth's engine \(pid \d+\); its log is /);
    expect(run.status).toBe(0);
  }, 60_000);

  it('quotes the daemon\'s log when the daemon it started exits', async () => {
    const { setup, env } = defaultEngineSetup({ 'default-runtime': 'missing', runtimes: { missing: { path: 'no-such-runtime' } } });
    const run = await runBerthSource(['ls'], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^berth: berth's engine exited during start-up \\(exit code 1\\); last lines of ${setup.logPath}:\\n`));
    expect(run.stderr).toContain('failed to start daemon: the OCI runtime no-such-runtime is not installed');
    expect(existsSync(setup.socketPath)).toBe(false);
  }, 60_000);

  it('does not start the daemon with BERTH_NO_AUTOSTART=1, and says how to start it', async () => {
    const { setup, env } = defaultEngineSetup();
    const run = await runBerthSource(['ls'], { env: { ...env, BERTH_NO_AUTOSTART: '1' } });
    expect(run.stderr).toBe(
      `berth: berth's engine is not running (no socket at ${setup.socketPath})\n  hint: start it with: sudo berth daemon (BERTH_NO_AUTOSTART=1 keeps berth from starting it)\n`,
    );
    expect(run.status).toBe(1);
    expect(existsSync(setup.pidfile)).toBe(false);
  }, 60_000);

  it('tells a user who is not root how to start it or choose another engine, instead of starting it', async () => {
    const { setup, env } = defaultEngineSetup();
    const run = await runBerthSource(['ls'], { env, asNobody: true });
    expect(run.stderr).toBe(
      `berth: berth's engine is not running (no socket at ${setup.socketPath})\n` +
        '  hint: start it as root (sudo berth daemon), or point berth at another engine with -H, DOCKER_HOST or a context (berth context use NAME)\n',
    );
    expect(run.status).toBe(1);
    expect(existsSync(setup.pidfile)).toBe(false);
  }, 60_000);
});

/** A socket file no process listens on any more, as a daemon killed with SIGKILL leaves it. */
async function staleSocketAt(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('ok'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
