/**
 * berth's schema of the Compose Specification: the schema itself, the validator that explains
 * problems in words, and the casting of interpolated strings to the types the schema wants.
 */
export { composeSpecSchema } from './compose-spec-schema.js';
export type { JsonSchema, JsonType } from './json-schema.js';
export { BERTH_ANNOTATIONS } from './json-schema.js';
export { validateComposeDocument } from './validate-document.js';
export type { SchemaIssue } from './validate-document.js';
export { castToSchemaTypes } from './cast-types.js';
export type { CastOptions } from './cast-types.js';
