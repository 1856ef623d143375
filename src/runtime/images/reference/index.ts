/**
 * Image references, parsed and printed as Docker does (distribution/reference). See
 * image-reference.ts for the vocabulary and grammar.ts for the grammar.
 */
export type { ImageReference } from './image-reference.js';
export { parseReference } from './parse-reference.js';
export { familiarReference, formatReference, manifestReference, repositoryName } from './format-reference.js';
export { isDockerHub, registryHost } from './docker-hub.js';
