import { ambiguousNetwork, noSuchNetwork } from './network-errors.js';
import type { NetworkRecord } from './network-record.js';

/**
 * The network a user means by `reference`, in Docker's order: a full id, then an exact name, then
 * a unique id prefix. Names are unique in berth, so only a prefix can be ambiguous; `wording`
 * picks which of Docker's two texts says so (inspect's, or everyone else's).
 */
export function lookupNetwork(networks: ReadonlyMap<string, NetworkRecord>, reference: string, wording: 'inspect' | 'use'): NetworkRecord {
  const byId = networks.get(reference);
  if (byId) return byId;
  const all = [...networks.values()];
  const byName = all.find((network) => network.Name === reference);
  if (byName) return byName;
  const byPrefix = reference === '' ? [] : all.filter((network) => network.Id.startsWith(reference));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) throw ambiguousNetwork(reference, byPrefix.length, wording);
  throw noSuchNetwork(reference);
}
