import type { IssuePath } from './check-value.js';
import { composeSpecSchema } from './compose-spec-schema.js';
import type { JsonSchema, JsonType } from './json-schema.js';
import { acceptedTypes, entrySchemas, isMapping, resolve, typeAdmits } from './schema-walk.js';

export interface CastOptions {
  /** Told when a boolean is spelled the YAML 1.1 way (`yes`, `off`...), which Compose accepts with a warning. */
  warn?(message: string, path: IssuePath): void;
}

/**
 * After interpolation every substituted value is a string; Compose then casts strings to the
 * type the model wants (compose-go `interpolateTypeCastMapping`): `replicas: "3"` becomes 3,
 * `privileged: "true"` becomes true. berth derives where from its schema instead of a list:
 * a string is cast where the schema accepts no string but a boolean, an integer or a number, and
 * only when it reads as one. Everything else is left for validation to report.
 *
 * Mutates the document in place, so the source positions of its entries stay where they were.
 */
export function castToSchemaTypes(doc: unknown, options: CastOptions = {}): void {
  castChildren([composeSpecSchema], doc, [], options);
}

function castChildren(schemas: JsonSchema[], value: unknown, path: IssuePath, options: CastOptions): void {
  if (Array.isArray(value)) {
    const shapes = shapesFor(schemas, 'array');
    const itemSchemas = shapes.flatMap((shape) => (shape.items ? [shape.items] : []));
    value.forEach((_, index) => castEntry(itemSchemas, value, index, [...path, index], options));
  } else if (isMapping(value)) {
    const shapes = shapesFor(schemas, 'object');
    for (const key of Object.keys(value)) {
      const keySchemas = shapes.flatMap((shape) => entrySchemas(shape, key).schemas);
      castEntry(keySchemas, value, key, [...path, key], options);
    }
  }
}

function castEntry(
  schemas: JsonSchema[],
  container: Record<string, unknown> | unknown[],
  key: string | number,
  path: IssuePath,
  options: CastOptions,
): void {
  if (schemas.length === 0) return;
  const value = (container as Record<string | number, unknown>)[key];
  if (typeof value !== 'string') {
    castChildren(schemas, value, path, options);
    return;
  }
  const cast = castString(value, wantedTypes(schemas), path, options);
  if (cast !== undefined) (container as Record<string | number, unknown>)[key] = cast;
}

/** The non-string types a place accepts, or none when it accepts strings (or anything). */
function wantedTypes(schemas: JsonSchema[]): JsonType[] {
  const wanted: JsonType[] = [];
  for (const schema of schemas) {
    const types = acceptedTypes(schema);
    if (types === undefined || types.includes('string')) return [];
    wanted.push(...types);
  }
  return wanted;
}

function castString(text: string, wanted: JsonType[], path: IssuePath, options: CastOptions): unknown {
  if (wanted.includes('boolean')) {
    const flag = parseBoolean(text);
    if (flag !== undefined) {
      if (!['true', 'false'].includes(text.toLowerCase())) {
        options.warn?.(`"${text}" for boolean is not supported by YAML 1.2, please use \`${flag}\``, path);
      }
      return flag;
    }
  }
  if (wanted.includes('integer') && /^[+-]?[0-9]+$/.test(text)) return Number(text);
  if (wanted.includes('number') && /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return Number(text);
  return undefined;
}

/** The spellings compose-go's `toBoolean` accepts, in any case. */
function parseBoolean(text: string): boolean | undefined {
  switch (text.toLowerCase()) {
    case 'true': case 'y': case 'yes': case 'on':
      return true;
    case 'false': case 'n': case 'no': case 'off':
      return false;
    default:
      return undefined;
  }
}

/** The object or array schemas among `schemas` (looking through `$ref`, `oneOf` and `anyOf`). */
function shapesFor(schemas: JsonSchema[], type: 'array' | 'object'): JsonSchema[] {
  const shapes: JsonSchema[] = [];
  for (const schema of schemas) {
    const resolved = resolve(schema);
    const branches = resolved.oneOf ?? resolved.anyOf;
    if (branches) shapes.push(...shapesFor(branches, type));
    const types = resolved.type === undefined ? [] : [resolved.type].flat();
    if (types.some((declared) => typeAdmits(declared, type))) shapes.push(resolved);
  }
  return shapes;
}
