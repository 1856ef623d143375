import { composeSpecSchema } from './compose-spec-schema.js';
import type { JsonSchema, JsonType } from './json-schema.js';

/**
 * Navigation over berth's compose schema shared by the validator and the type caster: resolve
 * `$ref`, name the JSON type of a value, say which types a schema accepts, and find the schemas
 * that apply to one entry of a mapping.
 */

const definitions = composeSpecSchema.definitions ?? {};

export function resolve(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (current.$ref !== undefined) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const target = definitions[name];
    if (!target) throw new Error(`berth's compose schema refers to a missing definition "${current.$ref}"`);
    current = target;
  }
  return current;
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

export { isMapping } from '../raw-mapping.js';

/** Whether `type` (declared in a schema) admits a value of JSON type `actual`; integers are numbers. */
export function typeAdmits(type: JsonType, actual: JsonType): boolean {
  return type === actual || (type === 'number' && actual === 'integer');
}

/** The JSON types a schema can accept, or undefined when it does not restrict them. */
export function acceptedTypes(schema: JsonSchema): JsonType[] | undefined {
  const resolved = resolve(schema);
  if (resolved.type !== undefined) return Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (branches) {
    const types: JsonType[] = [];
    for (const branch of branches) {
      const branchTypes = acceptedTypes(branch);
      if (branchTypes === undefined) return undefined;
      for (const type of branchTypes) if (!types.includes(type)) types.push(type);
    }
    return types;
  }
  if (resolved.enum) return [...new Set(resolved.enum.map(jsonTypeOf))];
  return undefined;
}

export function acceptsType(schema: JsonSchema, actual: JsonType): boolean {
  const types = acceptedTypes(schema);
  return types === undefined || types.some((type) => typeAdmits(type, actual));
}

const patternCache = new Map<string, RegExp>();

/** JSON Schema patterns are ECMAScript regular expressions in unicode mode, unanchored. */
export function patternOf(source: string): RegExp {
  let pattern = patternCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patternCache.set(source, pattern);
  }
  return pattern;
}

export interface EntrySchemas {
  /** The schemas that apply to the entry (`properties`, matching `patternProperties`, `additionalProperties`). */
  schemas: JsonSchema[];
  /** True when no schema accepts the key at all (an unknown attribute, or an invalid name). */
  refused: boolean;
}

/** The schemas that apply to `mapping[key]` under an object schema, as draft-07 defines it. */
export function entrySchemas(schema: JsonSchema, key: string): EntrySchemas {
  const schemas: JsonSchema[] = [];
  const named = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
  if (named) schemas.push(named);
  for (const [source, patternSchema] of Object.entries(schema.patternProperties ?? {})) {
    if (patternOf(source).test(key)) schemas.push(patternSchema);
  }
  if (schemas.length > 0) return { schemas, refused: false };
  const additional = schema.additionalProperties;
  if (additional === false) return { schemas, refused: true };
  if (additional !== undefined && additional !== true) schemas.push(additional);
  return { schemas, refused: false };
}
