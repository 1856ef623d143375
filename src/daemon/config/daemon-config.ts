import type { AddressPool } from '../../network/ipam/index.js';

/** The levels `--log-level` takes, quietest last (dockerd's, logrus's names). */
export const logLevels = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * `berth daemon`'s flags as the command line gave them: a field is undefined (or an empty list)
 * when its flag was not given, so the flag and the config file can be told apart.
 */
export interface DaemonFlags {
  host?: string[];
  dataRoot?: string;
  execRoot?: string;
  pidfile?: string;
  configFile?: string;
  registryMirror?: string[];
  insecureRegistry?: string[];
  defaultAddressPool?: string[];
  logLevel?: string;
  debug?: boolean;
  label?: string[];
  logDriver?: string;
  logOpt?: string[];
  defaultRuntime?: string;
  bridge?: string;
  cgroupParent?: string;
  logFile?: string;
  berthChainPrefix?: string;
}

/** The daemon's settings once flags, the config file, the environment and the defaults are merged. */
export interface DaemonConfig {
  /** The API socket's path (`-H unix://PATH`). */
  socketPath: string;
  /** State: images, containers, volumes, networks, the engine id, the lock (`/var/lib/berth`). */
  dataRoot: string;
  /** Run files: runc's state, monitors, network namespaces (`/run/berth`). */
  execRoot: string;
  pidfile: string;
  /** The config file that was read, when one was. */
  configFile: string | undefined;
  logFile: string;
  logLevel: LogLevel;
  registryMirrors: string[];
  insecureRegistries: string[];
  /** Empty: Docker's own pools. */
  defaultAddressPools: AddressPool[];
  labels: string[];
  /** The OCI runtime's executable (runc unless configured). */
  runtimePath: string;
  /** Defaults for containers that name no log driver: only json-file exists. */
  logDriver: 'json-file';
  logOpts: Record<string, string>;
  /** The default `bridge` network's device (dockerd's `--bridge`). */
  bridge: string;
  /** Containers' cgroups go under `/<cgroupParent>/<id>`. */
  cgroupParent: string;
  /** What berth's iptables chains are named after (`BERTH-FORWARD`...). */
  chainPrefix: string;
}
