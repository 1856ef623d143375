import { compareBytes, compareYamlKeys } from './natural-order.js';
import { durationNanoseconds, formatFileMode, formatGoDuration, sizeInBytes } from './go-values.js';
import { int, map, nullNode, seq, str, type GoNode } from './go-node.js';
import { isStruct, type FieldSpec, type Shape, type StructShape } from './shape.js';

/** YAML and JSON differ in what Go leaves out: JSON drops nested extensions and keeps empty structs. */
export type Flavor = 'yaml' | 'json';

/** Go sorts map keys: yaml.v3 in natural order, encoding/json byte by byte. */
export function sortKeys(keys: string[], flavor: Flavor): string[] {
  return keys.sort(flavor === 'yaml' ? compareYamlKeys : compareBytes);
}

/** A struct's printed entries: its fields in Go order, unknown keys sorted, then `x-*` keys (YAML). */
export function marshalStruct(value: Readonly<Record<string, unknown>>, shape: StructShape, flavor: Flavor, skip: ReadonlySet<string> = new Set()): GoNode {
  const entries: Array<[string, GoNode]> = [];
  const known = new Set<string>();
  for (const field of shape.fields) {
    known.add(field.key);
    if (skip.has(field.key)) continue;
    const node = marshalField(value[field.key], field, flavor);
    if (node) entries.push([flavor === 'json' ? field.jsonKey ?? field.key : field.key, node]);
  }
  // Keys berth's model has and compose-go's types lack are printed rather than silently lost.
  const unknown = Object.keys(value).filter((key) => !known.has(key) && !key.startsWith('x-') && value[key] !== undefined);
  for (const key of sortKeys(unknown, flavor)) entries.push([key, marshalAny(value[key], flavor)]);
  if (shape.extensions && flavor === 'yaml') {
    const extensions = Object.keys(value).filter((key) => key.startsWith('x-') && value[key] !== undefined);
    for (const key of sortKeys(extensions, flavor)) entries.push([key, marshalAny(value[key], flavor)]);
  }
  return map(entries);
}

/** A field's node, or undefined when Go leaves it out. */
function marshalField(value: unknown, field: FieldSpec, flavor: Flavor): GoNode | undefined {
  const { shape } = field;
  if (shape === 'shellCommand') {
    if (value === undefined || value === null) return flavor === 'json' ? nullNode : undefined;
    return marshalValue(value, shape, flavor);
  }
  if (value === undefined || value === null) {
    // encoding/json never leaves out a struct value (`"ipam": {}`); yaml.v3 leaves out an empty one.
    if (flavor === 'json' && isStruct(shape) && !field.pointer) return marshalStruct({}, shape, flavor);
    return field.always ? zeroValue(shape) : undefined;
  }
  if (!field.pointer && !field.always && isGoZero(value, shape, flavor)) return undefined;
  return marshalValue(value, shape, flavor);
}

/** Go's `omitempty` test for a value field (a struct value is only left out in YAML, when empty). */
function isGoZero(value: unknown, shape: Shape, flavor: Flavor): boolean {
  if (isStruct(shape)) {
    if (flavor === 'json') return false;
    const node = marshalValue(value, shape, flavor);
    return node.kind === 'map' && node.entries.length === 0;
  }
  if (typeof shape === 'object') {
    if (Array.isArray(value)) return value.length === 0;
    return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  }
  switch (shape) {
    case 'string':
      return value === '';
    case 'int':
    case 'float32':
    case 'float64':
      return value === 0 || value === '0';
    case 'bool':
      return value === false;
    case 'optOut':
      return value !== false;
    case 'bytes':
      return sizeInBytes(value) === 0;
    case 'duration':
      return durationNanoseconds(value) === 0;
    default:
      return false;
  }
}

function zeroValue(shape: Shape): GoNode | undefined {
  switch (shape) {
    case 'string':
      return str('');
    case 'int':
      return int(0);
    case 'bool':
      return { kind: 'bool', value: false };
    case 'bytes':
      return str('0');
    default:
      return undefined;
  }
}

export function marshalValue(value: unknown, shape: Shape, flavor: Flavor): GoNode {
  if (typeof shape === 'object') {
    if (isStruct(shape)) return isRecord(value) ? marshalStruct(value, shape, flavor) : marshalAny(value, flavor);
    if ('list' in shape) return Array.isArray(value) ? seq(value.map((item) => marshalValue(item, shape.list, flavor))) : marshalAny(value, flavor);
    if (!isRecord(value)) return marshalAny(value, flavor);
    const keys = sortKeys(Object.keys(value).filter((key) => value[key] !== undefined), flavor);
    // A nil pointer or an unset value in a Go map prints as null (`networks: {default: null}`).
    return map(keys.map((key) => [key, value[key] === null ? nullNode : marshalValue(value[key], shape.map, flavor)]));
  }
  switch (shape) {
    case 'string':
      return str(typeof value === 'string' ? value : String(value));
    case 'int':
      return typeof value === 'number' ? int(value) : value === 'all' ? int(-1) : marshalAny(value, flavor);
    case 'float32':
    case 'float64':
      return typeof value === 'number' ? { kind: 'float', value, bits: shape === 'float32' ? 32 : 64 } : marshalAny(value, flavor);
    case 'bool':
    case 'optOut':
      return { kind: 'bool', value: value === true };
    case 'duration': {
      const nanoseconds = durationNanoseconds(value);
      return nanoseconds === undefined ? marshalAny(value, flavor) : str(formatGoDuration(nanoseconds));
    }
    case 'bytes': {
      const bytes = sizeInBytes(value);
      return bytes === undefined ? marshalAny(value, flavor) : str(String(bytes));
    }
    case 'fileMode': {
      const mode = formatFileMode(value);
      return mode === undefined ? marshalAny(value, flavor) : str(mode);
    }
    case 'shellCommand':
      return Array.isArray(value) ? seq(value.map((item) => str(String(item)))) : marshalAny(value, flavor);
    case 'ulimit':
      return marshalUlimit(value, flavor);
    case 'sshKey':
      return str(typeof value === 'string' ? sshKeyText(value) : String(value));
    case 'any':
      return marshalAny(value, flavor);
  }
}

/** `nofile: 1024`, or `{soft, hard}`: both always in YAML, zeros left out in JSON. */
function marshalUlimit(value: unknown, flavor: Flavor): GoNode {
  if (typeof value === 'number') return int(value);
  if (!isRecord(value)) return marshalAny(value, flavor);
  const soft = typeof value.soft === 'number' ? value.soft : 0;
  const hard = typeof value.hard === 'number' ? value.hard : 0;
  if (flavor === 'yaml') return map([['soft', int(soft)], ['hard', int(hard)]]);
  const entries: Array<[string, GoNode]> = [];
  if (soft !== 0) entries.push(['soft', int(soft)]);
  if (hard !== 0) entries.push(['hard', int(hard)]);
  return map(entries);
}

/** compose-go prints an SSH key `id=path` as `id: path`. */
function sshKeyText(value: string): string {
  const separator = value.indexOf('=');
  return separator < 0 ? value : `${value.slice(0, separator)}: ${value.slice(separator + 1)}`;
}

/** A value kept as written (extensions, unknown keys): Go's `map[string]any` rules. */
export function marshalAny(value: unknown, flavor: Flavor): GoNode {
  if (value === null || value === undefined) return nullNode;
  if (typeof value === 'string') return str(value);
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? int(value) : { kind: 'float', value, bits: 64 };
  if (typeof value === 'bigint') return int(Number(value));
  if (Array.isArray(value)) return seq(value.map((item) => marshalAny(item, flavor)));
  if (isRecord(value)) {
    const keys = sortKeys(Object.keys(value).filter((key) => value[key] !== undefined), flavor);
    return map(keys.map((key) => [key, marshalAny(value[key], flavor)]));
  }
  return str(String(value));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
