import type { JsonSchema } from './json-schema.js';
import { flag, integer, listOf, mapOf, object, oneOf, ref, text } from './schema-building-blocks.js';

/**
 * The top-level resources other than services: `networks`, `volumes`, `secrets`, `configs`,
 * `models` and `include`, as networks.md, volumes.md, secrets.md, configs.md, models.md and
 * include.md describe them. A network or volume may be declared with no body (`data:`).
 */

const network: JsonSchema = oneOf(
  object({
    name: text(),
    driver: text(),
    driver_opts: ref('options'),
    ipam: object({
      driver: text(),
      config: listOf(object({
        subnet: text('a subnet such as "172.28.0.0/16"'),
        ip_range: text(),
        gateway: text(),
        aux_addresses: mapOf(text()),
      })),
      options: mapOf(text()),
    }),
    external: ref('external'),
    internal: flag,
    enable_ipv4: flag,
    enable_ipv6: flag,
    attachable: flag,
    labels: ref('list_or_dict'),
  }),
  { type: 'null' },
);

const volume: JsonSchema = oneOf(
  object({
    name: text(),
    driver: text(),
    driver_opts: ref('options'),
    external: ref('external'),
    labels: ref('list_or_dict'),
  }),
  { type: 'null' },
);

const fileObjectAttributes = {
  name: text(),
  file: text(),
  environment: text('the name of a variable such as "DB_PASSWORD"'),
  external: ref('external'),
  labels: ref('list_or_dict'),
  template_driver: text(),
};

// A secret may come from a secrets driver; a config may instead be written inline (`content`).
const secret: JsonSchema = object({ ...fileObjectAttributes, driver: text(), driver_opts: ref('options') });
const config: JsonSchema = object({ ...fileObjectAttributes, content: text() });

const model: JsonSchema = object(
  {
    name: text(),
    model: text('a model such as "ai/smollm2"'),
    context_size: integer({ minimum: 0 }),
    runtime_flags: listOf(text()),
  },
  ['model'],
);

const includeEntry: JsonSchema = {
  oneOf: [
    text('a path such as "../common/compose.yaml"'),
    object(
      {
        path: ref('string_or_list'),
        env_file: ref('string_or_list'),
        project_directory: text(),
      },
      ['path'],
    ),
  ],
  expected: 'a path, or a mapping with path:',
};

export const resourceDefinitions: Record<string, JsonSchema> = { network, volume, secret, config, model };

export const includeList: JsonSchema = listOf(includeEntry);
