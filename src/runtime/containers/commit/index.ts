/**
 * `docker commit`: a container's changes made an image. The writable layer is read as Docker's
 * overlay2 differ reads it (whiteouts and opaque directories back to `.wh.` markers, the mount
 * points Docker's init layer would hold left out), stored and unpacked as one layer on the
 * container's image, with the config merged and the `--change` instructions applied as Docker does.
 */
export { commitContainer, type CommitEngine, type CommitOptions, type CommittedImage } from './commit-container.js';
export { storeConfigImage, type ConfigStep } from './config-image.js';
export { copyRunConfig, type RunConfig } from './run-config.js';
export { environmentMap, exposedPorts, setEnv } from './config-fields.js';
