/**
 * The container engine: Docker's container lifecycle (create, start, stop, kill, restart,
 * pause, wait, remove, logs, exec, top, inspect, list) over the records, root filesystems,
 * specs, monitors and supervision of the sibling folders. The daemon's handlers call these.
 */
export { ContainerEngine } from './container-engine.js';
export type { ContainerEngineOptions, ContainerEvent, RemoveOptions } from './engine-options.js';
export type { ExecRequest } from './exec-spec.js';
export type { AttachedOutput, AttachOptions } from './attach.js';
export { statusText } from './inspect.js';
export type { ContainerNetworks, NetworkAttachment, NetworkedContainer } from './container-networks.js';
