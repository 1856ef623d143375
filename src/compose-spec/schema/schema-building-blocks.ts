import type { JsonSchema } from './json-schema.js';

/**
 * Small constructors the compose schema is written with, so each attribute reads as one line:
 * `stop_grace_period: duration`, `cap_add: uniqueStrings`, `build: oneOf(text(...), object(...))`.
 */

export const ref = (definition: string): JsonSchema => ({ $ref: `#/definitions/${definition}` });

export function text(expected?: string): JsonSchema {
  return expected ? { type: 'string', expected } : { type: 'string' };
}

export const flag: JsonSchema = { type: 'boolean', expected: 'true or false' };

export function integer(options: { minimum?: number; maximum?: number; expected?: string } = {}): JsonSchema {
  return { type: 'integer', ...options };
}

export function number(options: { minimum?: number; maximum?: number; expected?: string } = {}): JsonSchema {
  return { type: 'number', ...options };
}

export function oneOf(...branches: JsonSchema[]): JsonSchema {
  return { oneOf: branches };
}

/** A mapping of named attributes; unknown ones are refused except `x-*` extensions. */
export function object(properties: Record<string, JsonSchema>, required?: string[]): JsonSchema {
  return {
    type: 'object',
    properties,
    ...(required ? { required } : {}),
    additionalProperties: false,
    patternProperties: { '^x-': {} },
  };
}

/** A mapping whose keys are names chosen by the user (services, networks, ulimits...). */
export function mapOf(value: JsonSchema, namePattern = '^.+$', keyExpected?: string): JsonSchema {
  return {
    type: 'object',
    patternProperties: { [namePattern]: value },
    additionalProperties: false,
    ...(keyExpected ? { keyExpected } : {}),
  };
}

export function listOf(item: JsonSchema, unique = false): JsonSchema {
  return unique ? { type: 'array', items: item, uniqueItems: true } : { type: 'array', items: item };
}

export const strings = listOf({ type: 'string' });
export const uniqueStrings = listOf({ type: 'string' }, true);

/** Go's `time.ParseDuration` syntax, which Compose uses for every duration: `1m30s`, `1.5h`, `0`. */
export const duration: JsonSchema = {
  type: 'string',
  pattern: '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$',
  expected: 'a duration such as "30s" or "1m30s"',
};

/**
 * A size in bytes written as a string: go-units `RAMInBytes` syntax, which Compose parses sizes
 * with (`512m`, `1gb`, `2.5 GiB`), or -1 for "unlimited" (memswap_limit).
 */
export const byteSizeText: JsonSchema = {
  type: 'string',
  pattern: '^(-1|[0-9]+(\\.[0-9]+)* ?[kKmMgGtTpP]?[iI]?[bB]?)$',
  expected: 'a size such as "512m" or 1073741824',
};

/** A size in bytes: an integer, or a string with a unit. */
export const byteSize: JsonSchema = oneOf({ type: 'integer' }, byteSizeText);

/** Shared definitions referenced by `$ref` from several places in the schema. */
export const buildingBlockDefinitions: Record<string, JsonSchema> = {
  // `environment`, `labels`, `args`...: a list of KEY=VALUE strings or a mapping of scalars.
  list_or_dict: {
    oneOf: [
      {
        type: 'object',
        patternProperties: { '.+': { type: ['string', 'number', 'boolean', 'null'], expected: 'a string, a number, a boolean or nothing' } },
        additionalProperties: false,
      },
      { type: 'array', items: { type: 'string', expected: 'a KEY=VALUE string such as "DEBUG=1"' }, uniqueItems: true },
    ],
    expected: 'a mapping such as {DEBUG: "1"} or a list such as ["DEBUG=1"]',
  },
  string_or_list: oneOf(text(), uniqueStrings),
  command: {
    oneOf: [{ type: 'null' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
    expected: 'a string such as "npm start" or a list such as ["npm", "start"]',
  },
  // `driver_opts`, `logging.options`: a mapping of option names to strings or numbers.
  options: mapOf({ type: ['string', 'number', 'null'] }),
  // `external: true`, or the obsolete `external: {name: ...}` form.
  external: oneOf(flag, object({ name: text() })),
  // One entry of `extra_hosts`, as a list of `host=ip` / `host:ip` or a mapping of host to addresses.
  extra_hosts: {
    oneOf: [
      mapOf(oneOf(text(), strings)),
      uniqueStrings,
    ],
    expected: 'a list such as ["db=10.0.0.2"] or a mapping such as {db: 10.0.0.2}',
  },
  ulimits: mapOf(
    {
      oneOf: [
        integer(),
        object({ hard: integer(), soft: integer() }, ['soft', 'hard']),
      ],
      expected: 'a number such as 65535 or a mapping with soft: and hard:',
    },
    '^[a-z]+$',
  ),
  // A GPU request of `gpus:`; the same request under `deploy.resources.reservations.devices`
  // must also say its capabilities.
  device_request: object(deviceRequestAttributes()),
};

export function deviceRequestAttributes(): Record<string, JsonSchema> {
  return {
    capabilities: uniqueStrings,
    count: oneOf(text('a number of devices or "all"'), integer()),
    device_ids: uniqueStrings,
    driver: text(),
    options: ref('list_or_dict'),
  };
}
