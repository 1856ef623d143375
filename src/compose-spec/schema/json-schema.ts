/**
 * The part of JSON Schema (draft-07) that berth's compose schema uses, plus two annotations of
 * berth's own that only the issue explainer reads:
 * - `expected`: what a person should write there, e.g. `a duration such as "30s"`;
 * - `keyExpected`: for maps keyed by names (services, networks...), what a valid name looks like.
 */
export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export interface JsonSchema {
  $ref?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  description?: string;
  expected?: string;
  keyExpected?: string;
}

/** berth's own annotation keywords, for tools such as ajv to be told about (strict mode refuses unknown keywords). */
export const BERTH_ANNOTATIONS = ['expected', 'keyExpected'] as const;
