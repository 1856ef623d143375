import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EngineParts } from '../../api/server/engine-parts.js';
import { relayContainerEvents } from '../../api/server/events/container-events.js';
import { EventHub } from '../../api/server/events/event-hub.js';
import { Firewall } from '../../network/firewall/index.js';
import { NetworkService } from '../../network/service/index.js';
import { ContainerEngine } from '../../runtime/containers/engine/index.js';
import { ContentStore } from '../../runtime/images/index.js';
import type { DaemonConfig } from '../config/index.js';
import type { DaemonLog } from '../host/daemon-log.js';
import { engineId } from './engine-id.js';
import { findRuntime } from './runtime-path.js';

export interface OpenedEngine {
  parts: EngineParts;
  /** Stops watching: containers go on under their monitors, bridges and rules stay for them and the next start. */
  close(): Promise<void>;
}

/**
 * Opens the engine on the daemon's directories, in the order a restart needs: the network side
 * first (it repairs links and rules a crash left and brings user-defined networks back), then the
 * container engine with it (it re-adopts running containers, records exits that happened while
 * no daemon ran, applies restart policies, finishes half-done removals). Container events are
 * relayed to the event hub the API's `/events` reads.
 */
export async function openEngine(config: DaemonConfig, log: DaemonLog, version: string): Promise<OpenedEngine> {
  const runtimePath = findRuntime(config.runtimePath);
  const id = engineId(config.dataRoot);
  const images = new ContentStore(join(config.dataRoot, 'images'));
  const networks = await NetworkService.open({
    stateDirectory: config.dataRoot,
    runDirectory: config.execRoot,
    firewall: new Firewall({ chainPrefix: config.chainPrefix }),
    ...(config.defaultAddressPools.length > 0 ? { pools: config.defaultAddressPools } : {}),
    defaultBridge: config.bridge,
    report: (message) => log.warn(message),
  });
  let containers: ContainerEngine;
  try {
    containers = await ContainerEngine.open({
      stateDirectory: config.dataRoot,
      runDirectory: config.execRoot,
      images,
      cgroupParent: config.cgroupParent,
      runtimePath,
      networks,
      defaultLogConfig: { Type: config.logDriver, Config: config.logOpts },
      onError: (error, containerId) => log.error(error instanceof Error ? error.message : String(error), { container: containerId }),
    });
  } catch (error) {
    await networks.close();
    throw error;
  }
  const events = new EventHub();
  const stopRelay = relayContainerEvents(containers, events, networks);
  const parts: EngineParts = {
    containers,
    networks,
    volumes: containers.volumes,
    images,
    registry: { mirrors: config.registryMirrors, insecureRegistries: config.insecureRegistries, userAgent: `berth/${version}` },
    events,
    builderRoot: join(config.dataRoot, 'builder'),
    facts: {
      id,
      name: hostname(),
      version,
      dataRoot: config.dataRoot,
      execRoot: config.execRoot,
      runtimePath,
      labels: config.labels,
      ...(config.defaultAddressPools.length > 0 ? { defaultAddressPools: config.defaultAddressPools } : {}),
    },
  };
  return {
    parts,
    async close() {
      stopRelay();
      containers.close();
      await networks.close();
    },
  };
}
