import { buildDeployAttributes } from './build-deploy-schema.js';
import type { JsonSchema } from './json-schema.js';
import {
  byteSize, duration, flag, integer, listOf, mapOf, number, object, oneOf, ref, text, uniqueStrings,
} from './schema-building-blocks.js';
import { serviceLongSyntaxAttributes } from './service-long-syntax-schema.js';

/**
 * One service, attribute by attribute, as the Compose file reference (services.md) lists them.
 * Attributes whose value Compose casts after interpolation (booleans, integers, numbers) take
 * only that type here: `castToSchemaTypes` turns `"true"` and `"3"` into `true` and `3` first.
 */
const simpleAttributes: Record<string, JsonSchema> = {
  annotations: ref('list_or_dict'),
  attach: flag,
  cap_add: uniqueStrings,
  cap_drop: uniqueStrings,
  cgroup: { type: 'string', enum: ['host', 'private'] },
  cgroup_parent: text(),
  command: ref('command'),
  container_name: text('a container name such as "web-1"'),
  cpu_count: integer({ minimum: 0 }),
  cpu_percent: number({ minimum: 0, maximum: 100 }),
  cpu_shares: integer(),
  cpu_quota: integer(),
  cpu_period: integer(),
  // Microseconds, or a duration (services.md: "cpu_rt_runtime").
  cpu_rt_period: oneOf(integer(), duration),
  cpu_rt_runtime: oneOf(integer(), duration),
  cpus: number({ minimum: 0, expected: 'a number of CPUs such as 0.5' }),
  cpuset: text('CPUs such as "0-3" or "0,1"'),
  credential_spec: object({ config: text(), file: text(), registry: text() }),
  device_cgroup_rules: uniqueStrings,
  dns: ref('string_or_list'),
  dns_opt: uniqueStrings,
  dns_search: ref('string_or_list'),
  domainname: text(),
  entrypoint: ref('command'),
  environment: ref('list_or_dict'),
  expose: listOf({ type: ['string', 'number'], expected: 'a port such as "3000" or a range such as "3000-3005"' }, true),
  external_links: uniqueStrings,
  extra_hosts: ref('extra_hosts'),
  group_add: listOf({ type: ['string', 'number'] }, true),
  hostname: text(),
  image: text('a string such as "nginx:1.25"'),
  init: flag,
  ipc: text(),
  isolation: text(),
  labels: ref('list_or_dict'),
  links: uniqueStrings,
  mac_address: text(),
  mem_limit: byteSize,
  mem_reservation: byteSize,
  mem_swappiness: integer({ minimum: 0, maximum: 100 }),
  memswap_limit: byteSize,
  network_mode: text('a mode such as "host", "none" or "service:db"'),
  oom_kill_disable: flag,
  oom_score_adj: integer({ minimum: -1000, maximum: 1000 }),
  pid: { type: ['string', 'null'] },
  pids_limit: integer(),
  platform: text('a platform such as "linux/amd64"'),
  privileged: flag,
  profiles: uniqueStrings,
  provider: object(
    { type: text(), options: mapOf({ type: ['string', 'number', 'boolean', 'array'] }) },
    ['type'],
  ),
  pull_policy: {
    type: 'string',
    pattern: '^(always|never|missing|if_not_present|build|refresh|daily|weekly|every_([0-9]+(w|d|h|m|s|ms|us|ns))+)$',
    expected: '"always", "never", "missing", "build", "daily", "weekly" or "every_<duration>"',
  },
  read_only: flag,
  restart: {
    anyOf: [
      { type: 'string', enum: ['no', 'always', 'on-failure', 'unless-stopped'] },
      { type: 'string', pattern: '^on-failure:[0-9]+$' },
    ],
    expected: 'a policy such as "unless-stopped" or "on-failure:3"',
  },
  runtime: text(),
  scale: integer({ minimum: 0 }),
  security_opt: uniqueStrings,
  stdin_open: flag,
  stop_grace_period: duration,
  stop_signal: text('a signal such as "SIGTERM"'),
  storage_opt: mapOf({ type: ['string', 'number'] }),
  sysctls: ref('list_or_dict'),
  tmpfs: ref('string_or_list'),
  tty: flag,
  ulimits: ref('ulimits'),
  use_api_socket: flag,
  user: text('a user such as "1000:1000" or "postgres"'),
  userns_mode: text(),
  uts: text(),
  volumes_from: uniqueStrings,
  working_dir: text(),
};

const allAttributes: Record<string, JsonSchema> = {
  ...simpleAttributes,
  ...serviceLongSyntaxAttributes,
  ...buildDeployAttributes,
  // With `pull_policy: refresh`: how old a pulled image may get before it is pulled again.
  pull_refresh_after: text('a duration such as "24h"'),
};

export const serviceDefinition: JsonSchema = object(allAttributes);

/** Names of services, networks, volumes...: Compose's `[a-zA-Z0-9._-]+`. */
export const RESOURCE_NAME_PATTERN = '^[a-zA-Z0-9._-]+$';
export const RESOURCE_NAME_EXPECTED = 'a name made of letters, digits, ".", "_" and "-"';
