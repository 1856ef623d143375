import type {
  ConfigObjConfig,
  IPAMConfig,
  IPAMPool,
  ModelConfig,
  NetworkConfig,
  Project,
  SecretConfig,
  ServiceConfig,
  VolumeConfig,
} from '../model/index.js';
import { copyContainerMeta } from '../source/node-meta.js';
import { usesDefaultNetwork } from './default-network.js';
import { extensionsOf, goBool, goSprint, isMapping, labelsMap, stringMap, type RawMapping } from './go-strings.js';
import { resourceIdentity, type ResourceSection } from './resource-name.js';

export interface TopLevelContext {
  readonly projectName: string;
  /** Absolute. Relative paths are resolved before this phase; kept for callers' symmetry. */
  readonly projectDirectory: string;
  /** Deprecation notices (`external.name`); silent when absent. */
  readonly warn?: (message: string) => void;
}

export type TopLevel = Pick<Project, 'networks' | 'volumes' | 'secrets' | 'configs' | 'models'>;

/**
 * The top-level `networks`, `volumes`, `secrets`, `configs` and `models` of the merged document
 * in canonical form, as `docker compose config` prints them:
 * - each network, volume, secret and config gets its engine `name`: as written, its key when
 *   external, `<project>_<key>` otherwise (`external: {name: x}` reads as `name: x`);
 * - the implicit `default` network is added when a service joins it;
 * - `labels` lists become mappings and option values become strings;
 * - absent or empty sections are left out.
 * Pure: the raw document is read, never changed.
 */
export function normalizeTopLevel(
  raw: Readonly<Record<string, unknown>>,
  context: TopLevelContext,
  services: Readonly<Record<string, ServiceConfig>>,
): TopLevel {
  const warn = context.warn ?? (() => {});
  const read = <T>(section: ResourceSection, build: (key: string, resource: RawMapping) => T): Record<string, T> =>
    mapSection(raw[section], (key, resource) => {
      const { name, external } = resourceIdentity(section, key, resource, context.projectName, warn);
      return build(key, { ...resource, name, external });
    });

  const networks = read('networks', (_key, resource) => networkConfig(resource));
  if (!networks.default && Object.values(services).some(usesDefaultNetwork)) {
    networks.default = { name: `${context.projectName}_default` };
  }
  const result: TopLevel = {
    networks,
    volumes: read('volumes', (_key, resource) => volumeConfig(resource)),
    secrets: read('secrets', (_key, resource) => fileObjectConfig(resource)),
    configs: read('configs', (_key, resource) => fileObjectConfig(resource)),
    models: mapSection(raw.models, (_key, resource) => modelConfig(resource)),
  };
  return Object.fromEntries(Object.entries(result).filter(([, section]) => Object.keys(section).length > 0)) as TopLevel;
}

/** Each entry of a top-level section; `name:` with no value reads as an empty mapping. */
function mapSection<T>(section: unknown, build: (key: string, resource: RawMapping) => T): Record<string, T> {
  const result: Record<string, T> = {};
  if (!isMapping(section)) return result;
  for (const [key, value] of Object.entries(section)) {
    const resource = isMapping(value) ? value : {};
    const built = build(key, resource);
    if (isMapping(value) && isMapping(built)) copyContainerMeta(value, built);
    result[key] = built;
  }
  return result;
}

function networkConfig(raw: RawMapping): NetworkConfig {
  return compact({
    name: raw.name,
    driver: raw.driver,
    driver_opts: optional(raw.driver_opts, stringMap),
    ipam: optional(raw.ipam, ipamConfig),
    external: raw.external,
    internal: goBool(raw.internal),
    attachable: goBool(raw.attachable),
    labels: optional(raw.labels, labelsMap),
    enable_ipv4: goBool(raw.enable_ipv4),
    enable_ipv6: goBool(raw.enable_ipv6),
    ...extensionsOf(raw),
  }) as NetworkConfig;
}

function ipamConfig(raw: unknown): IPAMConfig {
  const ipam = isMapping(raw) ? raw : {};
  return compact({
    driver: ipam.driver,
    config: Array.isArray(ipam.config) ? ipam.config.map(ipamPool) : undefined,
    options: optional(ipam.options, stringMap),
    ...extensionsOf(ipam),
  }) as IPAMConfig;
}

function ipamPool(raw: unknown): IPAMPool {
  const pool = isMapping(raw) ? raw : {};
  return compact({
    subnet: pool.subnet,
    gateway: pool.gateway,
    ip_range: pool.ip_range,
    aux_addresses: optional(pool.aux_addresses, stringMap),
    ...extensionsOf(pool),
  }) as IPAMPool;
}

function volumeConfig(raw: RawMapping): VolumeConfig {
  return compact({
    name: raw.name,
    driver: raw.driver,
    driver_opts: optional(raw.driver_opts, stringMap),
    external: raw.external,
    labels: optional(raw.labels, labelsMap),
    ...extensionsOf(raw),
  }) as VolumeConfig;
}

/** Secrets and configs: the source (`file`, `environment` or `content`) is kept as written. */
function fileObjectConfig(raw: RawMapping): SecretConfig & ConfigObjConfig {
  return compact({
    name: raw.name,
    file: raw.file,
    environment: raw.environment,
    content: raw.content === undefined ? undefined : goSprint(raw.content),
    external: raw.external,
    labels: optional(raw.labels, labelsMap),
    driver: raw.driver,
    driver_opts: optional(raw.driver_opts, stringMap),
    template_driver: raw.template_driver,
    ...extensionsOf(raw),
  }) as SecretConfig;
}

function modelConfig(raw: RawMapping): ModelConfig {
  return compact({
    name: raw.name,
    model: raw.model,
    context_size: raw.context_size,
    runtime_flags: Array.isArray(raw.runtime_flags) ? raw.runtime_flags.map(goSprint) : undefined,
    ...extensionsOf(raw),
  }) as ModelConfig;
}

function optional<T>(value: unknown, convert: (value: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : convert(value);
}

/** Drops absent members so the model holds only what was written or defaulted. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
}
