/**
 * A container, and what it got from its networks, in the shapes the engine's ContainerNetworks
 * interface names: one definition, which this service implements (a type-only import: the
 * network folder runs no runtime code).
 */
export type { NetworkedContainer as ServiceContainer, NetworkAttachment as ServiceAttachment } from '../../runtime/containers/engine/index.js';
