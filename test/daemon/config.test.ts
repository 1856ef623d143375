import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDaemonConfig, type DaemonFlags } from '../../src/daemon/config/index.js';
import { berthErrorOf as errorOf } from '../helpers/error-of.js';

const directory = mkdtempSync(join(tmpdir(), 'berth-daemon-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** A daemon.json with this content; its path. */
function configFile(content: unknown): string {
  const path = join(directory, `daemon-${(files += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const noFile = { BERTH_DAEMON_CONFIG: join(directory, 'absent.json') };
const resolveWith = (flags: DaemonFlags, env: Record<string, string> = noFile) => resolveDaemonConfig(flags, env);

describe('defaults', () => {
  it('puts state in /var/lib/berth, run files in /run/berth, the socket and pid file there, the log beside the state', () => {
    expect(resolveWith({})).toEqual({
      socketPath: '/run/berth/berth.sock',
      dataRoot: '/var/lib/berth',
      execRoot: '/run/berth',
      pidfile: '/run/berth/berth.pid',
      configFile: undefined,
      logFile: '/var/lib/berth/berth.log',
      logLevel: 'info',
      registryMirrors: [],
      insecureRegistries: [],
      defaultAddressPools: [],
      labels: [],
      runtimePath: 'runc',
      logDriver: 'json-file',
      logOpts: {},
      bridge: 'berth0',
      cgroupParent: 'berth',
      chainPrefix: 'BERTH',
    });
  });

  it('takes the data root, run root and config file from BERTH_DATA_ROOT, BERTH_EXEC_ROOT and BERTH_DAEMON_CONFIG', () => {
    const config = resolveWith({}, { BERTH_DATA_ROOT: '/srv/state', BERTH_EXEC_ROOT: '/srv/run', BERTH_DAEMON_CONFIG: configFile({ labels: ['from=env-file'] }) });
    expect(config).toMatchObject({ dataRoot: '/srv/state', execRoot: '/srv/run', socketPath: '/srv/run/berth.sock', pidfile: '/srv/run/berth.pid', logFile: '/srv/state/berth.log', labels: ['from=env-file'] });
  });

  it('keeps the socket and pid file in the default run root when --exec-root moves the run files, as dockerd does', () => {
    expect(resolveWith({ execRoot: '/srv/run' })).toMatchObject({ execRoot: '/srv/run', socketPath: '/run/berth/berth.sock', pidfile: '/run/berth/berth.pid' });
  });
});

describe('flags and the config file', () => {
  it('reads dockerd\'s keys from the file', () => {
    const path = configFile({
      hosts: ['unix:///tmp/engine.sock'],
      'data-root': '/srv/berth',
      'exec-root': '/srv/run',
      pidfile: '/srv/run/engine.pid',
      'registry-mirrors': ['http://127.0.0.1:5000/'],
      'insecure-registries': ['registry.test:5000', '10.0.0.0/8'],
      'default-address-pools': [{ base: '10.10.0.0/16', size: 24 }],
      'log-level': 'warn',
      labels: ['site=test'],
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'default-runtime': 'custom',
      runtimes: { custom: { path: '/usr/local/bin/runc' } },
      bridge: 'br-test0',
      'cgroup-parent': '/berth/tests',
      'log-file': '/var/log/berth.log',
      'berth-chain-prefix': 'BT1',
    });
    expect(resolveWith({ configFile: path })).toEqual({
      socketPath: '/tmp/engine.sock',
      dataRoot: '/srv/berth',
      execRoot: '/srv/run',
      pidfile: '/srv/run/engine.pid',
      configFile: path,
      logFile: '/var/log/berth.log',
      logLevel: 'warn',
      registryMirrors: ['http://127.0.0.1:5000'],
      insecureRegistries: ['registry.test:5000', '10.0.0.0/8'],
      defaultAddressPools: [{ base: '10.10.0.0/16', size: 24 }],
      labels: ['site=test'],
      runtimePath: '/usr/local/bin/runc',
      logDriver: 'json-file',
      logOpts: { 'max-size': '10m', 'max-file': '3' },
      bridge: 'br-test0',
      cgroupParent: 'berth/tests',
      chainPrefix: 'BT1',
    });
  });

  it('takes the same settings from flags, repeatable ones repeated', () => {
    const config = resolveWith({
      host: ['unix:///tmp/flag.sock'],
      dataRoot: '/srv/flag',
      registryMirror: ['https://mirror.test'],
      insecureRegistry: ['a.test', 'b.test'],
      defaultAddressPool: ['base=10.20.0.0/16,size=24', 'base=10.30.0.0/16,size=20'],
      logOpt: ['max-size=1m'],
      label: ['a=1', 'b=2'],
      debug: true,
    });
    expect(config).toMatchObject({
      socketPath: '/tmp/flag.sock',
      dataRoot: '/srv/flag',
      registryMirrors: ['https://mirror.test'],
      insecureRegistries: ['a.test', 'b.test'],
      defaultAddressPools: [{ base: '10.20.0.0/16', size: 24 }, { base: '10.30.0.0/16', size: 20 }],
      logOpts: { 'max-size': '1m' },
      labels: ['a=1', 'b=2'],
      logLevel: 'debug',
    });
  });

  it('refuses a setting given both as a flag and in the file, naming every such pair as dockerd does', () => {
    const path = configFile({ 'data-root': '/srv/file', hosts: ['unix:///tmp/file.sock'], 'registry-mirrors': ['http://file.test'] });
    const error = errorOf(() => resolveWith({ configFile: path, dataRoot: '/srv/flag', host: ['unix:///tmp/flag.sock'] }));
    expect(error.message).toBe(
      `unable to configure the berth daemon with file ${path}: the following directives are specified both as a flag and in the configuration file: ` +
        'data-root: (from flag: /srv/flag, from file: /srv/file), hosts: (from flag: [unix:///tmp/flag.sock], from file: [unix:///tmp/file.sock])',
    );
    expect(error).toMatchObject({ kind: 'usage', hint: 'give each setting once: drop the flag or the key' });
  });

  it('names the file\'s keys that no option has', () => {
    const path = configFile({ 'data-root': '/srv', storage_driver: 'overlay2', 'no-such-key': 1 });
    expect(errorOf(() => resolveWith({ configFile: path })).message).toBe(
      `unable to configure the berth daemon with file ${path}: the following directives don't match any configuration option: no-such-key, storage_driver`,
    );
  });

  it('says which key has a value of the wrong shape', () => {
    const path = configFile({ 'registry-mirrors': 'http://mirror.test' });
    expect(errorOf(() => resolveWith({ configFile: path })).message).toBe(`unable to configure the berth daemon with file ${path}: "registry-mirrors" must be a list of strings, not a string`);
  });

  it('refuses a file that is not JSON', () => {
    const path = configFile('{"data-root": ');
    expect(errorOf(() => resolveWith({ configFile: path })).message).toMatch(new RegExp(`^unable to configure the berth daemon with file ${path}: invalid JSON: `));
  });

  it('refuses a --config-file that does not exist, but not a missing default file', () => {
    const missing = join(directory, 'missing.json');
    expect(errorOf(() => resolveWith({ configFile: missing })).message).toBe(`unable to configure the berth daemon with file ${missing}: open ${missing}: no such file or directory`);
    expect(resolveWith({}, { BERTH_DAEMON_CONFIG: missing }).configFile).toBeUndefined();
  });
});

describe('values', () => {
  it.each([
    [{ host: ['tcp://127.0.0.1:2375'] }, 'berth\'s daemon listens only on a UNIX socket, not "tcp://127.0.0.1:2375"'],
    [{ host: ['/run/x.sock'] }, 'berth\'s daemon listens only on a UNIX socket, not "/run/x.sock"'],
    [{ host: ['unix://relative.sock'] }, 'invalid socket "unix://relative.sock": the path must be absolute'],
    [{ host: ['unix:///a.sock', 'unix:///b.sock'] }, "berth's daemon listens on exactly one socket, but 2 hosts are given (unix:///a.sock, unix:///b.sock)"],
    [{ logLevel: 'loud' }, 'unable to parse logging level: loud'],
    [{ defaultAddressPool: ['base=10.0.0.0/16'] }, '--default-address-pool "base=10.0.0.0/16": both base and size are needed'],
    [{ defaultAddressPool: ['base=10.0.0.0/16,size=8'] }, 'invalid default address pool (--default-address-pool "base=10.0.0.0/16,size=8"): size 8 must be a prefix length from 16 (the base\'s) to 32'],
    [{ defaultAddressPool: ['base=10.0.0/16,size=24'] }, 'invalid default address pool (--default-address-pool "base=10.0.0/16,size=24"): base "10.0.0/16" is not an IPv4 CIDR'],
    [{ defaultAddressPool: ['base=10.0.0.0/16,size=24,gw=1'] }, '--default-address-pool "base=10.0.0.0/16,size=24,gw=1": unexpected field "gw=1"'],
    [{ registryMirror: ['ftp://mirror.test'] }, 'invalid mirror: unsupported scheme "ftp" in "ftp://mirror.test"'],
    [{ registryMirror: ['http://mirror.test/v2/'] }, 'invalid mirror: path, query, or fragment at end of the URI "http://mirror.test/v2/"'],
    [{ insecureRegistry: ['http://registry.test'] }, "insecure registry http://registry.test should not contain '://'"],
    [{ logDriver: 'journald' }, 'berth\'s daemon has only the json-file log driver, not "journald"'],
    [{ logOpt: ['compress=true'] }, "unknown log opt 'compress' for json-file log driver"],
    [{ logOpt: ['max-file=3'] }, 'max-file cannot be greater than 1 when max-size is not set'],
    [{ logOpt: ['max-size=ten'] }, "invalid size: 'ten'"],
    [{ bridge: 'none' }, "berth's daemon always has a default bridge network; --bridge none is not supported"],
    [{ bridge: 'a-bridge-name-too-long' }, 'invalid bridge name "a-bridge-name-too-long"'],
    [{ cgroupParent: '../escape' }, 'invalid cgroup parent "../escape"'],
    [{ defaultRuntime: 'crun' }, 'specified default runtime \'crun\' does not exist'],
  ] satisfies Array<[DaemonFlags, string]>)('%o fails with: %s', (flags, message) => {
    const error = errorOf(() => resolveWith(flags));
    expect(error.message.replace(/^unable to configure the berth daemon with file \S+: /, '')).toBe(message);
    expect(error).toMatchObject({ kind: 'usage' });
  });

  it('checks the file\'s address pools as the flag\'s', () => {
    const path = configFile({ 'default-address-pools': [{ base: '10.0.0.0/24', size: 16 }] });
    expect(errorOf(() => resolveWith({ configFile: path })).message).toBe(
      `invalid default address pool ("default-address-pools" in ${path}): size 16 must be a prefix length from 24 (the base's) to 32`,
    );
  });
});
