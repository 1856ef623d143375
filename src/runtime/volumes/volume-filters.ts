import type { Filters } from '../../api/types/common.js';
import type { Volume } from '../../api/types/volumes.js';
import { booleanFilter, checkFilterKeys, matchesAny, matchesLabels } from './docker-filters.js';
import type { VolumeUsers } from './volume-store.js';

/** `docker volume ls --filter`: name and driver as Docker matches them, labels all, dangling = no user. */
export function listFilter(filters: Filters, users: VolumeUsers): (volume: Volume) => boolean {
  checkFilterKeys(filters, ['dangling', 'driver', 'label', 'name']);
  const dangling = booleanFilter(filters, 'dangling');
  return (volume) =>
    matchesAny(filters, 'name', volume.Name) &&
    matchesAny(filters, 'driver', volume.Driver) &&
    matchesLabels(filters, 'label', volume.Labels) &&
    (dangling === undefined || dangling === ((users.get(volume.Name) ?? []).length === 0));
}

/**
 * `docker volume prune --filter` in API 1.41: `label` keeps volumes that have all the labels asked
 * for, `label!` leaves out volumes that have them all. Whether a volume is in use is the caller's part.
 */
export function pruneFilter(filters: Filters): (volume: Volume) => boolean {
  checkFilterKeys(filters, ['label', 'label!']);
  const excluded = filters['label!'] ?? [];
  return (volume) => matchesLabels(filters, 'label', volume.Labels) && (excluded.length === 0 || !matchesLabels(filters, 'label!', volume.Labels));
}
