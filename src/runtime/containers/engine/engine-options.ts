import type { ContentStore } from '../../images/index.js';
import type { VolumeStore } from '../../volumes/index.js';
import type { HealthState } from '../supervision/index.js';
import type { ContainerNetworks } from './container-networks.js';
import type { LogConfig } from './log-defaults.js';

/** The ContainerEngine's contract with its owner (the daemon): what it is opened with, what it tells. */
export interface ContainerEngineOptions {
  /** Records, volumes and container files (`/var/lib/berth`). */
  stateDirectory: string;
  /** runc's state, bundles and conmon's files (`/run/berth`). */
  runDirectory: string;
  images: ContentStore;
  /** The engine's volumes; opened from the state directory unless given. */
  volumes?: VolumeStore;
  /** Containers' cgroups go under `/<cgroupParent>/<id>`; `berth` by default. */
  cgroupParent?: string;
  runtimePath?: string;
  conmonPath?: string;
  initBinary?: string;
  seccompProfilePath?: string;
  /** The host's resolv.conf the containers' own are made from. */
  hostResolvConf?: string;
  /**
   * The network side (src/network/service), owned by the caller and opened before the engine.
   * Without it every container but a `container:ID` one gets a network namespace of its own with
   * only `lo`, or the host's (network_mode: host), as runc makes them.
   */
  networks?: ContainerNetworks;
  /** The daemon's `log-driver` and `log-opts`: what a create request that names no log config gets. */
  defaultLogConfig?: LogConfig;
  /** Failures in the background (an exit that could not be recorded, a restart that failed): the engine's log. */
  onError?: (error: unknown, containerId: string) => void;
}

/** What happened to a container, as Docker's events name it. */
export interface ContainerEvent {
  action: 'create' | 'start' | 'die' | 'stop' | 'kill' | 'pause' | 'unpause' | 'restart' | 'destroy' | 'health_status';
  id: string;
  exitCode?: number;
  health?: HealthState['Status'];
  /** The signal a `kill` sent, as a number. */
  signal?: number;
}

export interface RemoveOptions {
  force?: boolean;
  /** `docker rm -v`: the container's anonymous volumes go with it. */
  volumes?: boolean;
}
