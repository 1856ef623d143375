/** Services in canonical long form: every short syntax expanded, Compose's defaults applied. */
export { normalizeService } from './normalize-service.js';
export type { NormalizeContext } from './context.js';
export { parseVolumeShortSyntax, isHostPath } from './volume-spec.js';
export { parsePortShortSyntax } from './ports.js';
export { parseDuration, formatDuration, normalizeDuration } from './durations.js';
export { normalizeByteSize } from './byte-size.js';
export { splitShellWords } from './shell-words.js';
