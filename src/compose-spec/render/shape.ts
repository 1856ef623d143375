/**
 * How compose-go's Go types marshal: each struct's fields in declaration order with the kind of
 * Go value behind them. The kind decides when a field is left out (Go's `omitempty` drops `""`,
 * `0`, `false`, empty lists and maps, nil pointers) and how its value prints (a byte size as a
 * quoted number, a duration as `1m30s`, a file mode in octal).
 */
export type ScalarKind =
  | 'string'
  | 'int'
  | 'float32'
  | 'float64'
  | 'bool'
  /** A boolean that defaults to true (Go's `OptOut`): printed only when false. */
  | 'optOut'
  | 'duration'
  | 'bytes'
  | 'fileMode'
  /** `command`/`entrypoint`: `[]` is kept (it clears the image's), absent prints `null` in JSON. */
  | 'shellCommand'
  /** A single number, or `{soft, hard}`. */
  | 'ulimit'
  /** `default` or `id=path`, printed `id` or `id: path`. */
  | 'sshKey'
  /** Any value kept as written: extensions, unknown keys. */
  | 'any';

export type Shape = ScalarKind | StructShape | ListShape | MapShape;

export interface ListShape {
  readonly list: Shape;
}

export interface MapShape {
  readonly map: Shape;
}

export interface StructShape {
  readonly fields: readonly FieldSpec[];
  /** Whether `x-*` keys are printed inline after the fields (YAML only, as compose-go's `json:"-"`). */
  readonly extensions: boolean;
}

export interface FieldSpec {
  readonly key: string;
  readonly shape: Shape;
  /** A Go pointer: printed whenever set, even to a zero value (`init: false`). */
  readonly pointer?: boolean;
  /** No `omitempty`: printed even when absent, with Go's zero value (`required: false`). */
  readonly always?: boolean;
  /** The key in JSON when it differs (untagged Go fields print their Go name). */
  readonly jsonKey?: string;
}

/** `untagged`: a Go field without tags, whose JSON key is its Go name (`Path`, `Weight`). */
type FieldFlag = 'pointer' | 'always' | 'untagged';

/** `[key, shape, ...flags]` rows, the compact way the tables are written. */
export type FieldRow = readonly [string, Shape, ...FieldFlag[]];

export function struct(rows: readonly FieldRow[], extensions = true): StructShape {
  return {
    extensions,
    fields: rows.map(([key, shape, ...flags]) => ({
      key,
      shape,
      pointer: flags.includes('pointer'),
      always: flags.includes('always'),
      ...(flags.includes('untagged') ? { jsonKey: key[0]!.toUpperCase() + key.slice(1) } : {}),
    })),
  };
}

export function listOf(shape: Shape): ListShape {
  return { list: shape };
}

export function mapOf(shape: Shape): MapShape {
  return { map: shape };
}

export function isStruct(shape: Shape): shape is StructShape {
  return typeof shape === 'object' && 'fields' in shape;
}
