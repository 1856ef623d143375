import type { JsonSchema } from './json-schema.js';
import { byteSize, flag, integer, listOf, mapOf, object, oneOf, ref, strings, text, uniqueStrings } from './schema-building-blocks.js';

/**
 * The service attributes that have a short (string) and a long (mapping) syntax, as the Compose
 * file reference describes them: ports, volumes, secrets and configs, depends_on, networks,
 * env_file, devices, extends, models, and the lifecycle hooks.
 */

const port: JsonSchema = {
  oneOf: [
    { type: 'number', expected: 'a port such as 80' },
    { type: 'string', expected: 'a port such as "8080:80" or "127.0.0.1:8080:80/udp"' },
    object(
      {
        name: text(),
        mode: text('"host" or "ingress"'),
        host_ip: text(),
        target: integer({ minimum: 0, maximum: 65535, expected: 'the container port, such as 80' }),
        published: oneOf(text('a host port or range such as "8080" or "8000-8010"'), integer({ minimum: 0, maximum: 65535 })),
        protocol: text('"tcp" or "udp"'),
        app_protocol: text(),
      },
      ['target'],
    ),
  ],
  expected: 'a port such as "8080:80" or a mapping with target:',
};

const serviceVolume: JsonSchema = {
  oneOf: [
    { type: 'string', expected: 'a volume such as "data:/var/lib/data" or "./src:/app:ro"' },
    object(
      {
        type: { type: 'string', enum: ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'] },
        source: text(),
        target: text(),
        read_only: flag,
        consistency: text(),
        bind: object({
          propagation: text(),
          create_host_path: flag,
          recursive: { type: 'string', enum: ['enabled', 'disabled', 'writable', 'readonly'] },
          selinux: { type: 'string', enum: ['z', 'Z'] },
        }),
        volume: object({ labels: ref('list_or_dict'), nocopy: flag, subpath: text() }),
        tmpfs: object({
          size: oneOf(integer({ minimum: 0 }), text('a size such as "64m"')),
          mode: oneOf({ type: 'number' }, text('an octal mode such as "1777"')),
        }),
        image: object({ subpath: text() }),
      },
      ['type'],
    ),
  ],
  expected: 'a volume such as "data:/var/lib/data" or a mapping with type: and target:',
};

// `secrets:` and `configs:` of a service: a name, or the long syntax that says where to mount it.
const fileReference: JsonSchema = listOf({
  oneOf: [
    text(),
    object({
      source: text(),
      target: text(),
      uid: text(),
      gid: text(),
      mode: oneOf({ type: 'number' }, text('an octal mode such as "0440"')),
    }),
  ],
  expected: 'a name such as "db_password" or a mapping with source:',
});

const dependsOn: JsonSchema = {
  oneOf: [
    uniqueStrings,
    mapOf(
      object(
        {
          condition: { type: 'string', enum: ['service_started', 'service_healthy', 'service_completed_successfully'] },
          restart: flag,
          required: flag,
        },
        ['condition'],
      ),
      '^[a-zA-Z0-9._-]+$',
    ),
  ],
  expected: 'a list of services such as ["db"] or a mapping such as {db: {condition: service_healthy}}',
};

const serviceNetworks: JsonSchema = {
  oneOf: [
    uniqueStrings,
    mapOf(
      {
        oneOf: [
          object({
            aliases: uniqueStrings,
            interface_name: text(),
            ipv4_address: text(),
            ipv6_address: text(),
            link_local_ips: uniqueStrings,
            mac_address: text(),
            driver_opts: ref('options'),
            priority: { type: 'number' },
            gw_priority: { type: 'number' },
          }),
          { type: 'null' },
        ],
      },
      '^[a-zA-Z0-9._-]+$',
    ),
  ],
  expected: 'a list of networks such as ["front"] or a mapping such as {front: {aliases: [web]}}',
};

const envFile: JsonSchema = {
  oneOf: [
    text(),
    listOf({
      oneOf: [
        text(),
        object({ path: text(), format: text(), required: flag }, ['path']),
      ],
    }),
  ],
  expected: 'a path such as ".env" or a list of paths',
};

const devices: JsonSchema = listOf({
  oneOf: [
    text('a device such as "/dev/ttyUSB0:/dev/ttyUSB0"'),
    object({ source: text(), target: text(), permissions: text() }, ['source']),
  ],
});

const extendsReference: JsonSchema = {
  oneOf: [text(), object({ service: text(), file: text() }, ['service'])],
  expected: 'a service name or a mapping with service: and file:',
};

const serviceModels: JsonSchema = {
  oneOf: [
    uniqueStrings,
    mapOf(
      { oneOf: [object({ endpoint_var: text(), model_var: text() }), { type: 'null' }] },
      '^[a-zA-Z0-9._-]+$',
    ),
  ],
};

/** `gpus: all`, or a list of device requests. */
const gpus: JsonSchema = oneOf({ type: 'string', enum: ['all'] }, listOf(ref('device_request')));

export const serviceLongSyntaxDefinitions: Record<string, JsonSchema> = {
  service_hook: object(
    {
      command: ref('command'),
      user: text(),
      privileged: flag,
      working_dir: text(),
      environment: ref('list_or_dict'),
    },
    ['command'],
  ),
};

/**
 * A `pre_start` step (Compose 5.3, "init containers"): a command run to completion in its own
 * short-lived container, of the service's image unless it names another, before the service's
 * container starts.
 */
const preStartStep: JsonSchema = object({
  image: text('an image such as "busybox"'),
  command: ref('command'),
  user: text(),
  privileged: flag,
  working_dir: text(),
  environment: ref('list_or_dict'),
  per_replica: flag,
});

export const serviceLongSyntaxAttributes: Record<string, JsonSchema> = {
  configs: fileReference,
  depends_on: dependsOn,
  devices,
  env_file: envFile,
  extends: extendsReference,
  gpus,
  models: serviceModels,
  networks: serviceNetworks,
  ports: listOf(port, true),
  post_start: listOf(ref('service_hook')),
  pre_start: listOf(preStartStep),
  pre_stop: listOf(ref('service_hook')),
  secrets: fileReference,
  shm_size: byteSize,
  volumes: listOf(serviceVolume, true),
  label_file: oneOf(text(), strings),
};
