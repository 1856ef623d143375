import { join } from 'node:path';

/** The process environment, or a test's stand-in for it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Where the daemon keeps things unless told otherwise. The environment moves the defaults (not
 * flags or the config file, which still win), so tests and side-by-side engines run isolated:
 *
 * - `BERTH_DATA_ROOT`: `--data-root`'s default, `/var/lib/berth`
 * - `BERTH_EXEC_ROOT`: `--exec-root`'s default, `/run/berth`; the default socket and pid file
 *   live there, and the CLI looks for the built-in engine's socket there too
 * - `BERTH_DAEMON_CONFIG`: `--config-file`'s default, `/etc/berth/daemon.json`
 *
 * As with dockerd, the socket and pid file defaults do not follow `--exec-root`: the CLI must
 * find the socket without reading the daemon's configuration.
 */
export interface DaemonDefaults {
  dataRoot: string;
  execRoot: string;
  socketPath: string;
  pidfile: string;
  configFile: string;
}

export function daemonDefaults(env: Environment): DaemonDefaults {
  const execRoot = nonEmpty(env.BERTH_EXEC_ROOT) ?? '/run/berth';
  return {
    dataRoot: nonEmpty(env.BERTH_DATA_ROOT) ?? '/var/lib/berth',
    execRoot,
    socketPath: join(execRoot, 'berth.sock'),
    pidfile: join(execRoot, 'berth.pid'),
    configFile: nonEmpty(env.BERTH_DAEMON_CONFIG) ?? '/etc/berth/daemon.json',
  };
}

/** The built-in engine's socket as the CLI looks for it: `/run/berth/berth.sock` unless BERTH_EXEC_ROOT moves it. */
export function builtInEngineSocket(env: Environment): string {
  return daemonDefaults(env).socketPath;
}

/** The daemon's log file when neither `--log-file` nor `log-file` names one: beside its state. */
export function defaultLogFile(dataRoot: string): string {
  return join(dataRoot, 'berth.log');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
