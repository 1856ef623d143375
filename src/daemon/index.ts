/**
 * berth's engine daemon (`berth daemon`): one root process that owns the images, containers,
 * networks and volumes under its data root and serves the Docker Engine API on a UNIX socket.
 * See README.md for its flags, config keys and files.
 *
 * - config/: flags, daemon.json and defaults merged into one DaemonConfig
 * - host/: what the daemon holds on the host (lock, pid file, socket, log)
 * - engine/: the engine's parts opened for the API's routes
 * - auto-start/: the CLI's side, which starts the daemon when the default socket has none
 */
export { resolveDaemonConfig, builtInEngineSocket, type DaemonConfig, type DaemonFlags, type LogLevel } from './config/index.js';
export { startDaemon, apiVersion, minApiVersion, type RunningDaemon, type DaemonOptions } from './daemon.js';
export { DaemonLog } from './host/daemon-log.js';
