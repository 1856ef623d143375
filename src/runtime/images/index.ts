/**
 * berth's images, the way Docker has them: references parsed as Docker parses them, a registry
 * client, a content-addressed store, layers unpacked once by ChainID through a hardened extractor.
 * The engine uses what is exported here; each folder's own index says more.
 */
export { pullImage, type PullOptions, type PulledImage, type PullProgress } from './pull/index.js';
export { ContentStore, chainIds } from './store/index.js';
export { familiarReference, formatReference, parseReference, type ImageReference } from './reference/index.js';
export { dockerConfigCredentials, openRegistry, removeDockerConfigAuth, writeDockerConfigAuth, type RegistryOptions } from './registry/index.js';
