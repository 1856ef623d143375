/**
 * Merging compose documents the way Docker Compose does: several files (`-f a -f b`), a service
 * over the one it `extends`, a local definition over an included one.
 */
export { mergeDocuments } from './merge-documents.js';
export { mergeValue, type MergeOptions } from './merge-values.js';
export { stripMergeTags } from './merge-tags.js';
export { cloneTree, isMapping, type Mapping } from './tree.js';
