/**
 * Container records: what the engine keeps of each container, on disk and atomic, with Docker's
 * names, ids, lookups and list filters; the lifecycle as pure transitions with Docker's texts;
 * the create request checked before anything is made; the image's config merged in; the mounts
 * planned.
 *
 * A create goes: validateContainerConfig → records.reserve(name) → mergeImageConfig →
 * planMounts → create the volumes and copy up (volumes/) → mountPoint for each → records.commit,
 * or records.release when a step fails.
 * Lifecycle changes go through records.apply(id, record => start(record, …)).
 */
export { ContainerRecords, type NewContainer, type Reservation } from './container-records.js';
export type { ContainerRecord } from './container-record.js';
export type { ListOptions } from './container-filters.js';
export { exited, kill, pause, remove, removalFailed, restart, restartedByPolicy, start, startFailed, stop, unpause } from './transitions.js';
export type { Exit, Lifecycle, Started, Transition } from './transitions.js';
export { mergeImageConfig, type MergedConfig } from './merge-image-config.js';
export { validateContainerConfig, type ValidationHost } from './validate/validate-config.js';
export { signalNumber } from './validate/signals.js';
export { planMounts, mountPoint } from './plan-mounts.js';
export type { MountSpec } from './validate/mount-spec.js';
