/**
 * Network records: the engine's networks as pure state, one file per network under
 * `<state>/networks/`, with Docker 20.10's shapes, lookups, filters and texts. Create (bridge
 * driver only; names unique; IPAM through ../ipam), inspect, list, remove, prune, and the
 * endpoints of running containers (connect at start or while running, disconnect, release at
 * stop). The predefined `bridge` (on berth0, not docker0), `host` and `none` always exist.
 *
 * Nothing here changes the host: the engine turns records into bridges and veths (links/), rules
 * (firewall/) and names (dns/). bridgeSettings reads a bridge network's options with Docker's
 * defaults for them; endpointSettings is a container's `NetworkSettings.Networks` entry.
 */
export { NetworkRecords, type Attachment, type NetworkRecordsOptions } from './network-records.js';
export type { EndpointRecord, NetworkDriver, NetworkRecord } from './network-record.js';
export { isPredefined } from './network-record.js';
export type { EndpointRequest } from './plan-endpoint.js';
export { bridgeOption, bridgeSettings, type BridgeSettings } from './bridge-options.js';
export { defaultBridgeName } from './builtin-networks.js';
export { endpointSettings } from './network-view.js';
