import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itAsRoot } from '../harness/root.js';
import { runBerthSource } from './berth-cli.js';

const directory = mkdtempSync(join(tmpdir(), 'berth-daemon-command-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const noConfig = { BERTH_DAEMON_CONFIG: join(directory, 'absent.json') };

describe('berth daemon on the command line', () => {
  it('refuses a flag that the config file also sets, before touching anything, with exit code 2', async () => {
    const config = join(directory, 'daemon.json');
    writeFileSync(config, JSON.stringify({ 'log-level': 'debug' }));
    const run = await runBerthSource(['daemon', '--config-file', config, '--log-level', 'warn', '--data-root', join(directory, 'never')]);
    expect(run.stderr).toBe(
      `berth: unable to configure the berth daemon with file ${config}: the following directives are specified both as a flag and in the configuration file: log-level: (from flag: warn, from file: debug)\n` +
        '  hint: give each setting once: drop the flag or the key\n',
    );
    expect(run.status).toBe(2);
  });

  it('listens only on a UNIX socket', async () => {
    const run = await runBerthSource(['daemon', '-H', 'tcp://0.0.0.0:2375'], { env: noConfig });
    expect(run.stderr).toBe(
      'berth: berth\'s daemon listens only on a UNIX socket, not "tcp://0.0.0.0:2375"\n  hint: give -H unix:///path/to.sock (the default is unix:///run/berth/berth.sock)\n',
    );
    expect(run.status).toBe(2);
  });

  itAsRoot('tells a user who is not root that the daemon needs root', async () => {
    const run = await runBerthSource(['daemon', '--data-root', join(directory, 'never')], { env: noConfig, asNobody: true });
    expect(run.stderr).toBe(
      "berth: berth's daemon needs to be started with root privileges (it mounts file systems, makes network devices and runs runc)\n  hint: start it as root: sudo berth daemon\n",
    );
    expect(run.status).toBe(2);
  });

  it('is listed in the help as a command that exists', async () => {
    const run = await runBerthSource(['--help']);
    expect(run.stdout).toMatch(/\n {2}daemon \[options\] +Run berth's container engine: the Docker Engine API on a UNIX socket \(as root\)\n/);
  });
});
