/**
 * `berth daemon`'s settings: flags named as dockerd names them, daemon.json with dockerd's keys
 * (and berth's own where dockerd has none), defaults the environment can move for tests.
 */
export { resolveDaemonConfig } from './resolve-config.js';
export { builtInEngineSocket, daemonDefaults, type DaemonDefaults, type Environment } from './defaults.js';
export { logLevels, type DaemonConfig, type DaemonFlags, type LogLevel } from './daemon-config.js';
export { parseConfigText, readConfigFile } from './config-file.js';
export { parseAddressPoolFlag } from './address-pools.js';
export type { FileConfig } from './config-keys.js';
