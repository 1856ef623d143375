import { resolve } from 'node:path';
import { usageError } from '../../errors/index.js';
import { checkAddressPool, parseAddressPoolFlag } from './address-pools.js';
import { configFileError, readConfigFile } from './config-file.js';
import { configKeys, type ConfigKey, type FileConfig } from './config-keys.js';
import { logLevels, type DaemonConfig, type DaemonFlags, type LogLevel } from './daemon-config.js';
import { daemonDefaults, defaultLogFile, type Environment } from './defaults.js';
import { checkLogOptions, parseLogOptFlags } from './log-options.js';
import { checkInsecureRegistry, checkMirror } from './registry-settings.js';
import { parseUnixHost } from './unix-host.js';

/**
 * The daemon's settings: a flag, else the config file's key, else the environment's default,
 * else the built-in default (defaults.ts). As with dockerd, naming one setting both as a flag
 * and in the file is an error that lists every such pair; so is an unknown key in the file.
 */
export function resolveDaemonConfig(flags: DaemonFlags, env: Environment): DaemonConfig {
  const defaults = daemonDefaults(env);
  const configPath = resolve(flags.configFile ?? defaults.configFile);
  const read = readConfigFile(configPath, flags.configFile !== undefined);
  const file = read ?? {};
  refuseConflicts(flags, file, configPath);

  const dataRoot = resolve(flags.dataRoot ?? file['data-root'] ?? defaults.dataRoot);
  const hosts = given(flags.host) ?? file.hosts ?? [`unix://${defaults.socketPath}`];
  if (hosts.length !== 1) {
    throw usageError(`berth's daemon listens on exactly one socket, but ${hosts.length} hosts are given (${hosts.join(', ') || 'none'})`, 'give one -H unix:///path/to.sock, or one entry in "hosts"');
  }
  return {
    socketPath: parseUnixHost(hosts[0]!),
    dataRoot,
    execRoot: resolve(flags.execRoot ?? file['exec-root'] ?? defaults.execRoot),
    pidfile: resolve(flags.pidfile ?? file.pidfile ?? defaults.pidfile),
    configFile: read ? configPath : undefined,
    logFile: resolve(flags.logFile ?? file['log-file'] ?? defaultLogFile(dataRoot)),
    logLevel: flags.debug || file.debug ? 'debug' : logLevel(flags.logLevel ?? file['log-level'] ?? 'info'),
    registryMirrors: (given(flags.registryMirror) ?? file['registry-mirrors'] ?? []).map(checkMirror),
    insecureRegistries: (given(flags.insecureRegistry) ?? file['insecure-registries'] ?? []).map(checkInsecureRegistry),
    defaultAddressPools:
      given(flags.defaultAddressPool)?.map(parseAddressPoolFlag) ?? (file['default-address-pools'] ?? []).map((pool) => checkAddressPool(pool, `"default-address-pools" in ${configPath}`)),
    labels: given(flags.label) ?? file.labels ?? [],
    runtimePath: runtimePath(flags.defaultRuntime ?? file['default-runtime'] ?? 'runc', file, configPath),
    logDriver: logDriver(flags.logDriver ?? file['log-driver'] ?? 'json-file'),
    logOpts: checkLogOptions(given(flags.logOpt) ? parseLogOptFlags(flags.logOpt!) : (file['log-opts'] ?? {})),
    bridge: bridgeName(flags.bridge ?? file.bridge ?? 'berth0'),
    cgroupParent: cgroupParent(flags.cgroupParent ?? file['cgroup-parent'] ?? 'berth'),
    chainPrefix: flags.berthChainPrefix ?? file['berth-chain-prefix'] ?? 'BERTH',
  };
}

/** dockerd's text: "the following directives are specified both as a flag and in the configuration file: KEY: (from flag: X, from file: Y), ...". */
function refuseConflicts(flags: DaemonFlags, file: FileConfig, configPath: string): void {
  const conflicts: string[] = [];
  for (const key of Object.keys(file).sort() as ConfigKey[]) {
    const flag = configKeys[key].flag;
    const flagValue = flag === undefined ? undefined : flags[flag];
    if (flagValue === undefined || (Array.isArray(flagValue) && flagValue.length === 0)) continue;
    conflicts.push(`${key}: (from flag: ${formatValue(flagValue)}, from file: ${formatValue(file[key])})`);
  }
  if (conflicts.length > 0) {
    throw configFileError(configPath, `the following directives are specified both as a flag and in the configuration file: ${conflicts.join(', ')}`, 'give each setting once: drop the flag or the key');
  }
}

/** Go's %v, as dockerd prints the two values: lists as [a b], strings as they are. */
function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(' ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A repeatable flag given at least once, else undefined (commander leaves an unused one undefined). */
function given(values: string[] | undefined): string[] | undefined {
  return values !== undefined && values.length > 0 ? values : undefined;
}

function logLevel(text: string): LogLevel {
  const level = text.toLowerCase() === 'warning' ? 'warn' : text.toLowerCase();
  if ((logLevels as readonly string[]).includes(level)) return level as LogLevel;
  throw usageError(`unable to parse logging level: ${text}`, `use one of: ${logLevels.join(', ')}`);
}

/** dockerd's `default-runtime` names an entry of `runtimes`; `runc` needs none and runs runc from PATH. */
function runtimePath(name: string, file: FileConfig, configPath: string): string {
  const entry = file.runtimes?.[name];
  if (entry) return entry.path;
  if (name === 'runc') return 'runc';
  throw configFileError(configPath, `specified default runtime '${name}' does not exist`, `define it in "runtimes", e.g. {"runtimes": {"${name}": {"path": "/usr/bin/${name}"}}}, or use runc`);
}

function logDriver(name: string): 'json-file' {
  if (name === 'json-file') return name;
  throw usageError(`berth's daemon has only the json-file log driver, not ${JSON.stringify(name)}`, 'leave --log-driver and "log-driver" out, or set them to json-file');
}

/** A Linux interface name: 1 to 15 characters, no slash, colon or white space. */
function bridgeName(name: string): string {
  if (name === 'none') {
    throw usageError('berth\'s daemon always has a default bridge network; --bridge none is not supported', 'name the default bridge\'s device (berth0 unless given), or leave --bridge out');
  }
  if (!/^[^\s/:]{1,15}$/.test(name)) throw usageError(`invalid bridge name ${JSON.stringify(name)}`, 'a network device name has 1 to 15 characters and no slash, colon or space');
  return name;
}

function cgroupParent(path: string): string {
  const relative = path.replace(/^\/+/, '');
  if (relative === '' || relative.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw usageError(`invalid cgroup parent ${JSON.stringify(path)}`, 'name a cgroup below the root, e.g. berth or /berth/tests');
  }
  return relative;
}
