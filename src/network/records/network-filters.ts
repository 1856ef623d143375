import type { Filters } from '../../api/types/common.js';
import { BerthError } from '../../errors/index.js';
import { checkFilterKeys, matchesAny, matchesLabels } from '../../runtime/volumes/index.js';
import { parseUntil } from '../../format/docker-until.js';
import { isPredefined, type NetworkRecord } from './network-record.js';

/**
 * `docker network ls --filter`, as Docker 20.10 matches: `name` and `id` exactly or as a regular
 * expression, `driver` and `scope` exactly, `label` all of them, `type` custom or builtin (the
 * predefined networks), `dangling` one boolean. Dangling means no container on the network and
 * not predefined, as Docker means it (20.10 itself reads the containers off list entries, which it
 * leaves empty, so it calls every user network dangling; berth does what the filter says).
 */
export function listFilter(filters: Filters): (network: NetworkRecord) => boolean {
  checkFilterKeys(filters, ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
  for (const type of filters.type ?? []) {
    if (type !== 'custom' && type !== 'builtin') {
      throw new BerthError({ code: 'INVALID_FILTER', kind: 'usage', message: `invalid filter: 'type'='${type}'`, hint: 'type is custom (your networks) or builtin (bridge, host, none)' });
    }
  }
  const dangling = danglingFilter(filters.dangling ?? []);
  return (network) =>
    matchesAny(filters, 'name', network.Name) &&
    matchesAny(filters, 'id', network.Id) &&
    exactly(filters.driver, network.Driver) &&
    exactly(filters.scope, 'local') &&
    exactly(filters.type, isPredefined(network.Name) ? 'builtin' : 'custom') &&
    matchesLabels(filters, 'label', network.Labels) &&
    (dangling === undefined || dangling === (!isPredefined(network.Name) && Object.keys(network.endpoints).length === 0));
}

/**
 * `docker network prune --filter`: `until` (created before), `label` (has them all), `label!`
 * (lacks one of them). Whether a network is unused and not predefined is the caller's part.
 */
export function pruneFilter(filters: Filters, now: Date): (network: NetworkRecord) => boolean {
  checkFilterKeys(filters, ['label', 'label!', 'until']);
  const untils = (filters.until ?? []).map((value) => parseUntil(value, now));
  const excluded = filters['label!'] ?? [];
  return (network) =>
    untils.every((until) => Date.parse(network.Created) <= until) &&
    matchesLabels(filters, 'label', network.Labels) &&
    (excluded.length === 0 || !matchesLabels(filters, 'label!', network.Labels));
}

function exactly(wanted: readonly string[] | undefined, value: string): boolean {
  return wanted === undefined || wanted.length === 0 || wanted.includes(value);
}

function danglingFilter(values: readonly string[]): boolean | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1) {
    throw new BerthError({ code: 'INVALID_FILTER', kind: 'usage', message: 'got more than one value for filter key "dangling"', hint: 'give dangling=true or dangling=false, once' });
  }
  const value = values[0]!;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new BerthError({ code: 'INVALID_FILTER', kind: 'usage', message: 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")', hint: 'give dangling=true or dangling=false' });
}
