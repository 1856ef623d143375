import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileConfig } from '../../src/daemon/config/index.js';

/**
 * A berth test daemon's private directory, `/tmp/bb-XXXXXX` (short: a UNIX socket path holds 108
 * bytes), and the names that keep it apart from every other engine on the machine. The directory
 * holds `berth.sock`, `berth.pid`, `berth.log`, `data/` (data-root), `exec/` (exec-root),
 * `owner.pid` (the test process) and `daemon.json`, whose keys (bridge, chain prefix, cgroup
 * parent, address pool) are also what the clean-up of an abandoned engine reads back.
 */
export interface BerthEngineSetup {
  directory: string;
  socketPath: string;
  dataRoot: string;
  execRoot: string;
  pidfile: string;
  logPath: string;
  configPath: string;
  config: BerthTestConfig;
}

/** The daemon.json keys the harness sets, always present. */
export type BerthTestConfig = FileConfig & Required<Pick<FileConfig, 'bridge' | 'berth-chain-prefix' | 'cgroup-parent' | 'default-address-pools'>>;

export const berthEnginePrefix = 'bb-';
export const ownerFile = 'owner.pid';

export function makeBerthEngineSetup(pool: { base: string; size: number }, extra: FileConfig = {}): BerthEngineSetup {
  const directory = mkdtempSync(`/tmp/${berthEnginePrefix}`);
  writeFileSync(join(directory, ownerFile), `${process.pid}\n`);
  const suffix = randomBytes(4).toString('hex');
  const config: BerthTestConfig = {
    ...extra,
    bridge: `bb-${suffix}`,
    'berth-chain-prefix': `BB${suffix.toUpperCase()}`,
    'cgroup-parent': `berth-test-${suffix}`,
    'default-address-pools': [pool],
  };
  const setup = berthEngineSetupAt(directory, config);
  writeFileSync(setup.configPath, `${JSON.stringify(config, null, 2)}\n`);
  return setup;
}

/** The setup of an existing directory, its config read back from daemon.json. */
export function readBerthEngineSetup(directory: string): BerthEngineSetup {
  return berthEngineSetupAt(directory, JSON.parse(readFileSync(join(directory, 'daemon.json'), 'utf8')) as BerthTestConfig);
}

function berthEngineSetupAt(directory: string, config: BerthTestConfig): BerthEngineSetup {
  return {
    directory,
    socketPath: join(directory, 'berth.sock'),
    dataRoot: join(directory, 'data'),
    execRoot: join(directory, 'exec'),
    pidfile: join(directory, 'berth.pid'),
    logPath: join(directory, 'berth.log'),
    configPath: join(directory, 'daemon.json'),
    config,
  };
}

/** `berth daemon`'s flags for the setup; the rest of its settings are in daemon.json. */
export function daemonArguments(setup: BerthEngineSetup): string[] {
  return [
    'daemon',
    `--host=unix://${setup.socketPath}`,
    `--data-root=${setup.dataRoot}`,
    `--exec-root=${setup.execRoot}`,
    `--pidfile=${setup.pidfile}`,
    `--log-file=${setup.logPath}`,
    `--config-file=${setup.configPath}`,
  ];
}

/** The command that runs berth's CLI from the sources, so tests need no build: node, the tsx loader, the entry. */
export function berthFromSource(): { command: string; args: string[] } {
  return {
    command: process.execPath,
    // tsx as a file URL: the daemon runs in / (the auto-start's working directory), where `tsx` alone does not resolve.
    args: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, new URL('./berth-from-source.ts', import.meta.url).pathname],
  };
}
