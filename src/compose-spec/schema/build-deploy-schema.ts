import type { JsonSchema } from './json-schema.js';
import {
  byteSize, byteSizeText, deviceRequestAttributes, duration, flag, integer, listOf, number, object, oneOf, ref, text, uniqueStrings,
} from './schema-building-blocks.js';

/**
 * The nested sections of a service: `build`, `deploy`, `develop`, `healthcheck`, `blkio_config`
 * and `logging`, each as the Compose file reference (build.md, deploy.md, develop.md, services.md)
 * describes it.
 */

const build: JsonSchema = {
  oneOf: [
    text('a build context such as "." or "./app"'),
    object({
      context: text(),
      dockerfile: text(),
      dockerfile_inline: text(),
      entitlements: uniqueStrings,
      args: ref('list_or_dict'),
      ssh: ref('list_or_dict'),
      labels: ref('list_or_dict'),
      cache_from: uniqueStrings,
      cache_to: uniqueStrings,
      no_cache: flag,
      no_cache_filter: ref('string_or_list'),
      additional_contexts: ref('list_or_dict'),
      network: text(),
      provenance: oneOf(text(), flag),
      sbom: oneOf(text(), flag),
      pull: flag,
      target: text(),
      shm_size: byteSize,
      extra_hosts: ref('extra_hosts'),
      isolation: text(),
      privileged: flag,
      secrets: listOf({
        oneOf: [
          text(),
          object({ source: text(), target: text(), uid: text(), gid: text(), mode: oneOf({ type: 'number' }, text()) }),
        ],
      }),
      tags: uniqueStrings,
      ulimits: ref('ulimits'),
      platforms: uniqueStrings,
    }),
  ],
  expected: 'a build context such as "." or a mapping with context:',
};

const updateConfig: JsonSchema = object({
  parallelism: integer({ minimum: 0 }),
  delay: duration,
  failure_action: text(),
  monitor: duration,
  max_failure_ratio: number(),
  order: { type: 'string', enum: ['start-first', 'stop-first'] },
});

const resourceLimits = (withReservations: boolean): JsonSchema => object({
  cpus: oneOf(number({ minimum: 0 }), text('a number of CPUs such as "0.5"')),
  // Unlike the service's mem_limit, the deploy section takes sizes as strings only.
  memory: byteSizeText,
  ...(withReservations
    ? {
        devices: listOf(object(deviceRequestAttributes(), ['capabilities'])),
        generic_resources: listOf(object({
          discrete_resource_spec: object({ kind: text(), value: number() }),
        })),
      }
    : { pids: integer() }),
});

const deploy: JsonSchema = object({
  // deploy.md lists the values, but Compose accepts and ignores others: so does berth.
  mode: text('"replicated", "global", "replicated-job" or "global-job"'),
  endpoint_mode: text('"vip" or "dnsrr"'),
  replicas: integer({ minimum: 0 }),
  labels: ref('list_or_dict'),
  rollback_config: updateConfig,
  update_config: updateConfig,
  resources: object({
    limits: resourceLimits(false),
    reservations: resourceLimits(true),
  }),
  restart_policy: object({
    condition: text('"none", "on-failure" or "any"'),
    delay: duration,
    max_attempts: integer({ minimum: 0 }),
    window: duration,
  }),
  placement: object({
    constraints: listOf(text()),
    preferences: listOf(object({ spread: text() })),
    max_replicas_per_node: integer({ minimum: 0 }),
  }),
});

const develop: JsonSchema = object({
  watch: listOf(object(
    {
      path: text(),
      action: { type: 'string', enum: ['rebuild', 'restart', 'sync', 'sync+restart', 'sync+exec'] },
      target: text(),
      exec: ref('service_hook'),
      ignore: ref('string_or_list'),
      include: ref('string_or_list'),
      initial_sync: flag,
    },
    ['path', 'action'],
  )),
});

const healthcheck: JsonSchema = object({
  test: oneOf(text('a command such as "curl -f http://localhost"'), listOf(text())),
  interval: duration,
  timeout: duration,
  retries: integer({ minimum: 0 }),
  start_period: duration,
  start_interval: duration,
  disable: flag,
});

const blkioLimit = object({ path: text(), rate: oneOf(integer(), text('a rate such as "12mb"')) });
const blkioWeight = object({ path: text(), weight: integer({ minimum: 10, maximum: 1000 }) });

const blkioConfig: JsonSchema = object({
  device_read_bps: listOf(blkioLimit),
  device_read_iops: listOf(blkioLimit),
  device_write_bps: listOf(blkioLimit),
  device_write_iops: listOf(blkioLimit),
  weight: integer({ minimum: 10, maximum: 1000 }),
  weight_device: listOf(blkioWeight),
});

const logging: JsonSchema = object({
  driver: text(),
  options: ref('options'),
});

export const buildDeployAttributes: Record<string, JsonSchema> = {
  build,
  deploy,
  develop,
  healthcheck,
  blkio_config: blkioConfig,
  logging,
};
