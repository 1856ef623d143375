/**
 * Dockerfiles as Docker reads them (BuildKit's dockerfile frontend): `parseDockerfile` turns the
 * text into stages of typed instructions with their lines, and `expansion/` replaces `$VAR`
 * references in an instruction's words when the builder reaches it. Pure: no files, no engine.
 */
export { parseDockerfile, parseOnbuildTrigger } from './parse-dockerfile.js';
export type { Dockerfile, DockerfileWarning, ParserDirectives, Stage } from './dockerfile-types.js';
export type * from './instruction-types.js';
export { DockerfileError } from './dockerfile-error.js';
export type { DockerfileErrorCode, DockerfileLocation } from './dockerfile-error.js';
export { parseRunMount } from './flags/mount-spec.js';
export type { CacheSharing, MountType, RunMount } from './flags/mount-spec.js';
export { chompHeredoc } from './syntax/heredocs.js';
export { expandHeredoc, expandWord, expandWords, EXPANDED_INSTRUCTIONS, expandsVariables } from './expansion/index.js';
export type { ExpansionOptions, VariableLookup } from './expansion/index.js';
