/**
 * The image operations beyond pull, as Docker's engine has them: list, inspect, history, tag,
 * remove (with garbage collection), save and load (`docker save` tarballs and OCI layouts, both
 * ways), and import of a root filesystem. Each takes the ContentStore; names are accepted in
 * every form Docker accepts (see findImage), and results have the Engine API's shapes.
 */
export { listImages } from './list-images.js';
export { inspectImage, type ImageDetails } from './inspect-image.js';
export { imageHistory, type ImageHistoryItem } from './image-history.js';
export { findImage, type FoundImage } from './find-image.js';
export { readImageConfig, type HistoryEntry, type ImageConfig as StoredImageConfig, type RawContainerConfig } from './image-config.js';
export { tagImage } from './tag-image.js';
export { removeImage, type ImageUser, type RemoveImageOptions } from './remove-image.js';
export { reachableContent } from './reachable-content.js';
export { saveImages } from './save-images.js';
export { loadImages, type LoadedImage, type LoadImagesOptions } from './load-images.js';
export { importImage, type ImportedImage, type ImportImageOptions } from './import-image.js';
export { layerSize } from './layer-size.js';
export { applyChanges, type ChangedConfig } from './dockerfile-changes.js';
export { dockerContainerConfig, type DockerContainerConfig } from './container-config.js';
// What a commit needs to write an image as the others are written (src/runtime/containers/commit).
export { expandWord, splitWords } from './shell-words.js';
export { keepUnnamed, parseTagTarget, pointReference } from './point-reference.js';
export { configMediaType, layerMediaTypes } from './layer-blobs.js';
export type { StoredImage } from './image-catalog.js';
