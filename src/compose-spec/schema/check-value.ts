import { describeTypes, describeValue } from './describe-value.js';
import type { JsonSchema } from './json-schema.js';
import { acceptedTypes, acceptsType, entrySchemas, isMapping, jsonTypeOf, patternOf, resolve, typeAdmits } from './schema-walk.js';
import { suggestAttribute } from './suggest-name.js';

export type IssuePath = Array<string | number>;

export interface SchemaIssue {
  path: IssuePath;
  message: string;
  expected?: string;
  hint?: string;
}

/**
 * Checks a value against a schema with draft-07 semantics for the keywords berth's schema uses,
 * and explains each failure in words. Where a `oneOf`/`anyOf` fails, it explains only the branch
 * meant for the value's JSON type (a port written as a mapping gets the mapping's problems, not
 * "must be a string"). An empty result means the value is valid.
 */
export function checkValue(schema: JsonSchema, value: unknown, path: IssuePath): SchemaIssue[] {
  const resolved = resolve(schema);
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (branches) {
    const issues = checkBranches(resolved, branches, value, path);
    if (issues.length > 0) return issues;
  }
  const actual = jsonTypeOf(value);
  if (resolved.type !== undefined) {
    const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
    if (!types.some((type) => typeAdmits(type, actual))) {
      return [typeIssue(path, types, resolved.expected)];
    }
  }
  if (resolved.enum && !resolved.enum.some((allowed) => sameValue(allowed, value))) {
    const choices = resolved.enum.map(describeValue).join(', ');
    return [{ path, message: `${describeValue(value)} is not one of ${choices}` }];
  }
  if (typeof value === 'string' && resolved.pattern !== undefined && !patternOf(resolved.pattern).test(value)) {
    return [withExpected({ path, message: `invalid value ${describeValue(value)}` }, resolved.expected)];
  }
  if (typeof value === 'number') return checkRange(resolved, value, path);
  if (Array.isArray(value)) return checkArray(resolved, value, path);
  if (isMapping(value)) return checkMapping(resolved, value, path);
  return [];
}

function checkBranches(combinator: JsonSchema, branches: JsonSchema[], value: unknown, path: IssuePath): SchemaIssue[] {
  const results = branches.map((branch) => checkValue(branch, value, path));
  const validCount = results.filter((issues) => issues.length === 0).length;
  const exactlyOne = combinator.oneOf !== undefined;
  if (exactlyOne ? validCount === 1 : validCount >= 1) return [];
  if (validCount > 1) {
    return [withExpected({ path, message: 'matches more than one of the accepted forms' }, combinator.expected)];
  }
  const actual = jsonTypeOf(value);
  const meant = branches.findIndex((branch) => acceptsType(branch, actual));
  if (meant < 0) {
    return [typeIssue(path, acceptedTypes(combinator) ?? [], combinator.expected)];
  }
  const issues = results[meant] ?? [];
  return issues.map((issue) => (samePath(issue.path, path) ? withExpected(issue, combinator.expected) : issue));
}

function checkRange(schema: JsonSchema, value: number, path: IssuePath): SchemaIssue[] {
  if (schema.minimum !== undefined && value < schema.minimum) {
    return [withExpected({ path, message: `must be at least ${schema.minimum}` }, schema.expected)];
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    return [withExpected({ path, message: `must be at most ${schema.maximum}` }, schema.expected)];
  }
  return [];
}

function checkArray(schema: JsonSchema, value: unknown[], path: IssuePath): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (schema.items) {
    value.forEach((item, index) => issues.push(...checkValue(schema.items as JsonSchema, item, [...path, index])));
  }
  if (schema.uniqueItems) {
    value.forEach((item, index) => {
      if (value.slice(0, index).some((earlier) => sameValue(earlier, item))) {
        issues.push({
          path: [...path, index],
          message: `duplicate entry ${describeValue(item)}`,
          hint: 'remove the repeated entry',
        });
      }
    });
  }
  return issues;
}

function checkMapping(schema: JsonSchema, value: Record<string, unknown>, path: IssuePath): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(value, name)) issues.push({ path, message: `missing required attribute "${name}"` });
  }
  for (const [key, entry] of Object.entries(value)) {
    const { schemas, refused } = entrySchemas(schema, key);
    if (refused) {
      issues.push(refusedKeyIssue(schema, key, [...path, key]));
      continue;
    }
    for (const entrySchema of schemas) issues.push(...checkValue(entrySchema, entry, [...path, key]));
  }
  return issues;
}

/** A key no schema accepts: an unknown attribute of a fixed set, or a badly formed name in a map. */
function refusedKeyIssue(schema: JsonSchema, key: string, path: IssuePath): SchemaIssue {
  const attributes = Object.keys(schema.properties ?? {});
  if (attributes.length === 0) {
    return withExpected({ path, message: `invalid name ${describeValue(key)}` }, schema.keyExpected);
  }
  return { path, message: `unknown attribute ${describeValue(key)}`, hint: suggestAttribute(key, attributes) };
}

function typeIssue(path: IssuePath, types: readonly string[], expected: string | undefined): SchemaIssue {
  return withExpected({ path, message: `must be ${describeTypes(types)}` }, expected);
}

function withExpected(issue: SchemaIssue, expected: string | undefined): SchemaIssue {
  return expected === undefined || issue.expected !== undefined ? issue : { ...issue, expected };
}

function samePath(left: IssuePath, right: IssuePath): boolean {
  return left.length === right.length && left.every((part, index) => part === right[index]);
}

/** JSON equality, as `enum` and `uniqueItems` compare values. */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (isMapping(left) && isMapping(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length
      && keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
  }
  return false;
}
