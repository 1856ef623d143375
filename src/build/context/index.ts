/**
 * The build context: the files a build may COPY, sent as a tar with `POST /build` and unpacked
 * by the daemon. The sender applies the ignore rules (.dockerignore, or the Dockerfile's own
 * `<Dockerfile>.dockerignore`, read as moby's patternmatcher reads them) and always includes
 * the Dockerfile and the ignore file (contextTar); the daemon unpacks the tar safely
 * (unpackContext), reads the Dockerfile, drops the build files the rules exclude
 * (removeBuildFiles), and expands COPY sources inside the context (resolveSources).
 */
export { contextTar, type ContextTar, type ContextTarOptions } from './context-tar.js';
export type { DockerfileOption } from './dockerfile-location.js';
export { findIgnoreFile, type IgnoreFile } from './ignore-file.js';
export { IgnoreRules, type IgnoreRule, type ParentMatches } from './ignore-rules.js';
export { unpackContext } from './unpack-context.js';
export { removeBuildFiles } from './build-files.js';
export { resolveSources, type ResolvedSource } from './resolve-sources.js';
export { resolveInScope, type ScopedPath } from './scoped-path.js';
