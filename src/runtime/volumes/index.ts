/**
 * Volumes on the local driver, as Docker keeps them: `<state>/volumes/<name>/_data`, named or
 * anonymous (64 hex digits, no label: Docker 20.10 gives none), created idempotently, listed and
 * pruned with Docker's filters, removed only when no container uses them (the engine says which
 * do: VolumeUsers), and filled once from the image's content on first use (copyUp, called at
 * container create as Docker does it).
 *
 * The filter matching and the mount-table check are exported because container records share them.
 */
export { VolumeStore, type VolumeUsers } from './volume-store.js';
export type { CopyUpOutcome, CopyUpRequest } from './copy-up.js';
export { checkVolumeName } from './volume-name.js';
export { mountsAtOrBelow } from './mount-table.js';
export { checkFilterKeys, invalidFilter, matchesAny, matchesLabels } from './docker-filters.js';
export { diskUsage } from './disk-usage.js';
