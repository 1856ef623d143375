import type { EndpointSettings } from '../../api/types/networks.js';
import { BerthError } from '../../errors/index.js';
import type { NetworkRecord, NetworkRecords } from '../records/index.js';
import type { ServiceContainer } from './types.js';

/** One network a container joins at its start, with its settings there. */
export interface PlannedNetwork {
  network: NetworkRecord;
  settings: EndpointSettings;
}

/**
 * How a container is networked: on the host's stack (`host`), in a namespace of its own with only
 * `lo` (`none`), or in a namespace of its own with an endpoint on each of its networks' bridges.
 */
export type ContainerPlan = { kind: 'host' | 'none'; network: NetworkRecord } | { kind: 'bridges'; networks: PlannedNetwork[] };

/**
 * The networks a container joins, found by the names (or ids) it gives: its endpoint settings'
 * networks (Docker keeps the create's EndpointsConfig, or the mode's network alone), the mode's
 * network first, then the others in the order given. `host` and `none` stand alone, with
 * Docker's texts when mixed with others; a network that does not exist is Docker's
 * `network X not found`.
 */
export function planContainer(records: NetworkRecords, container: ServiceContainer): ContainerPlan {
  const mode = container.networkMode === '' || container.networkMode === 'default' ? 'bridge' : container.networkMode;
  if (mode.startsWith('container:')) {
    throw new BerthError({
      code: 'NETWORK_MODE_SHARED',
      kind: 'internal',
      message: `container ${container.name.replace(/^\//, '')} shares the network namespace of ${mode.slice('container:'.length)}: it has no networks of its own`,
      hint: 'this is a bug in berth: the engine joins the other container itself',
    });
  }
  const entries = Object.entries(container.endpoints);
  const wanted = entries.length > 0 ? entries : [[mode, {}] as [string, EndpointSettings]];
  const found = wanted.map(([reference, settings]) => ({ network: records.find(reference), settings: settings ?? {} }));
  const byMode = found.findIndex(({ network }) => network.Name === mode || network.Id === mode);
  const ordered = byMode > 0 ? [found[byMode]!, ...found.filter((_, index) => index !== byMode)] : found;
  const predefined = ordered.find(({ network }) => network.Driver !== 'bridge');
  if (predefined !== undefined && ordered.length > 1) throw standsAlone(predefined.network.Driver === 'null' ? 'none' : 'host');
  if (predefined !== undefined) return { kind: predefined.network.Driver === 'null' ? 'none' : 'host', network: predefined.network };
  return { kind: 'bridges', networks: ordered };
}

/** Docker's texts for `none` or `host` with another network. */
export function standsAlone(mode: 'none' | 'host'): BerthError {
  return new BerthError({
    code: 'NETWORK_MODE_ALONE',
    kind: 'usage',
    message:
      mode === 'none'
        ? 'container cannot be connected to multiple networks with one of the networks in private (none) mode'
        : 'container sharing network namespace with another container or host cannot be connected to any other network',
    hint: `network_mode: ${mode} takes no other network; drop the other networks, or the mode`,
  });
}
