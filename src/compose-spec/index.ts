/**
 * The compose model: everything berth knows about reading compose files. The rest of berth
 * imports from here only.
 */
export { loadProject } from './load/load-project.js';
export type { LoadedProject } from './load/load-project.js';
export { loadComposeModel } from './load/load-model.js';
export type { LoadedModel } from './load/load-model.js';
export type { LoadOptions } from './load/load-options.js';
export { dependencyEdges, type ServiceDependencyEdge } from './checks/index.js';
export { serviceConfigHash } from './hash/index.js';
export { defaultImageName } from './render/listings.js';
export { parseDuration } from './normalize/durations.js';
export { ComposeError, formatDocumentPath } from './compose-error.js';
export type { DocumentPath, SourcePosition } from './compose-error.js';
export type * from './model/index.js';
