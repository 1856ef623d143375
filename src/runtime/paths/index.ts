/** Paths inside a root filesystem resolved as a process chrooted there would resolve them, so no symlink leads out. */
export { readFileInRoot, resolveInRoot } from './scoped-path.js';
