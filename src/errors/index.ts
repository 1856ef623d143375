export { BerthError, usageError } from './berth-error.js';
export type { BerthErrorOptions, ErrorKind } from './berth-error.js';
export { exitCodeFor } from './exit-codes.js';
export { errorText } from './error-text.js';
