import type { NetworkService } from '../../network/service/index.js';
import type { ContainerEngine } from '../../runtime/containers/engine/index.js';
import type { ContentStore, RegistryOptions } from '../../runtime/images/index.js';
import type { VolumeStore } from '../../runtime/volumes/index.js';
import type { EventHub } from './events/event-hub.js';

/** What the daemon says of itself in `/version`, `/info` and `/system/df`. */
export interface EngineFacts {
  /** A stable id kept in the state directory, as dockerd's engine id. */
  id: string;
  /** The host's name (`Name` in `/info`). */
  name: string;
  /** berth's version. */
  version: string;
  /** `--data-root` and `--exec-root`. */
  dataRoot: string;
  execRoot: string;
  /** The OCI runtime's path (runc). */
  runtimePath: string;
  /** Daemon labels, from the config file. */
  labels: readonly string[];
  /** `--default-address-pool`s when given (dockerd's `info` shows them only then). */
  defaultAddressPools?: readonly { base: string; size: number }[];
}

/**
 * The engine the daemon opens and hands to the routes: each router's Backend picks what it needs
 * of this. The daemon owns the parts' lives (open at start, close at shutdown).
 */
export interface EngineParts {
  containers: ContainerEngine;
  networks: NetworkService;
  volumes: VolumeStore;
  images: ContentStore;
  /** Mirrors, insecure registries and the like for pull and push; credentials come per request (X-Registry-Auth). */
  registry: RegistryOptions;
  events: EventHub;
  facts: EngineFacts;
  /** `<data-root>/builder`: the builder's layer cache, cache mounts and scratch. */
  builderRoot: string;
}
