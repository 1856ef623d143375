/** Relative paths in compose documents, made absolute where Docker Compose makes them so. */
export { resolveRelativePaths } from './resolve-relative-paths.js';
export { absolutePath, isRemoteResource } from './path-forms.js';
