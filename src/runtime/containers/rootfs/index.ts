/** A container's root filesystem: the image's layers under an overlay with the container's own writable layer. */
export { isMountPoint, mountRootfs, removeRootfs, rootfsPaths, unmountRootfs, type RootfsPaths } from './overlay-rootfs.js';
