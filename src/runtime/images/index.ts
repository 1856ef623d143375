/**
 * berth's images, the way Docker has them: references parsed as Docker parses them, a registry
 * client, a content-addressed store, layers unpacked once by ChainID through a hardened extractor.
 * The engine uses what is exported here; each folder's own index says more.
 */
export { pullImage, pullJsonMessages, type PullOptions, type PulledImage, type PullProgress } from './pull/index.js';
export { ContentStore, chainIds } from './store/index.js';
export { familiarReference, formatReference, parseReference, type ImageReference } from './reference/index.js';
export { dockerConfigCredentials, openRegistry, removeDockerConfigAuth, writeDockerConfigAuth, type RegistryOptions } from './registry/index.js';
export { pushImage, type PushOptions, type PushedImage, type PushProgress } from './push/index.js';
export { fixedCredentials, RegistryClient, type Credentials } from './registry/index.js';
export { registryHost } from './reference/index.js';
export {
  findImage,
  imageHistory,
  importImage,
  inspectImage,
  layerSize,
  listImages,
  loadImages,
  reachableContent,
  removeImage,
  saveImages,
  tagImage,
  type ImageDetails,
  type ImageHistoryItem,
  type ImageUser,
  type ImportedImage,
  type ImportImageOptions,
  type LoadedImage,
  type LoadImagesOptions,
  type RemoveImageOptions,
} from './operations/index.js';
