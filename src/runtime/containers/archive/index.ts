/**
 * A container's files for `docker cp`: the path stat (`HEAD /containers/{id}/archive`), a tar of
 * a path (`GET`) and a tar unpacked into a directory (`PUT`), over the container's root with its
 * volumes, binds and /etc files where the container sees them (container-tree.ts). Every path is
 * resolved inside the container, safely while it runs (tree-session.ts); archive members are
 * checked as image layers are (member-checks.ts). The engine runs these under its per-container
 * queue through withContainerTree, which mounts a stopped container's root for the work.
 */
export { archivePath, type PathArchive } from './archive-path.js';
export { withContainerTree, type ContainerTree, type TreeSource } from './container-tree.js';
export { extractArchive, type ExtractOptions } from './extract-archive.js';
export { holdWhileRead } from './hold-while-read.js';
export { statPath } from './path-stat.js';
