import type { DocumentPath } from '../compose-error.js';
import type { ServiceConfig } from '../model/index.js';
import { normalizeBuild } from './build.js';
import { normalizeByteSize } from './byte-size.js';
import type { NormalizeContext } from './context.js';
import { normalizeDeploy } from './deploy.js';
import { normalizeDependsOn } from './depends-on.js';
import { normalizeDuration } from './durations.js';
import { envFileEntries, environmentMapping, resolveServiceEnvironment } from './environment.js';
import { fileReferences } from './file-references.js';
import { normalizeHealthcheck } from './healthcheck.js';
import { resolveLabels } from './labels.js';
import { extraHosts, stringMapping } from './mappings.js';
import { invalidValue } from './normalize-error.js';
import { normalizePorts } from './ports.js';
import { normalizeBlkio, normalizeDevices, normalizeGpus, normalizeUlimits } from './resources.js';
import {
  normalizeDevelop,
  normalizeLogging,
  providerOptions,
  serviceHook,
  serviceModels,
  serviceNetworks,
  shellCommand,
} from './service-attributes.js';
import { isMapping, stringList, toNumber, type RawMapping } from './values.js';
import { normalizeServiceVolumes } from './volumes.js';

type Normalizer = (value: unknown, path: DocumentPath, context: NormalizeContext) => unknown;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const asMapping = (value: unknown): RawMapping => (isMapping(value) ? value : {});
const byteSize: Normalizer = (value, path) => normalizeByteSize(value, path);
const duration: Normalizer = (value, path) => normalizeDuration(value, path);
const number: Normalizer = (value) => toNumber(value);
const strings: Normalizer = (value) => stringList(value);
const mapping: Normalizer = (value) => stringMapping(value);
const command: Normalizer = (value, path) => shellCommand(value, path);
const hooks: Normalizer = (value, path) => asList(value).map((hook, index) => serviceHook(asMapping(hook), [...path, index]));

/**
 * How each attribute that has a short syntax, a unit or a default becomes canonical. Attributes
 * not named here are already canonical once the schema accepts them and are kept as written.
 * `environment`, `env_file`, `labels`, `label_file`, `depends_on` and `networks` are handled
 * after the table, since they depend on other attributes.
 */
const NORMALIZERS: Readonly<Record<string, Normalizer>> = {
  annotations: mapping,
  blkio_config: (value, path) => normalizeBlkio(asMapping(value), path),
  build: (value, path, context) => normalizeBuild(value, context, path),
  command,
  configs: (value) => fileReferences(asList(value)),
  cpus: number,
  deploy: (value, path) => normalizeDeploy(asMapping(value), path),
  develop: (value, path) => normalizeDevelop(asMapping(value), path),
  devices: (value, path) => normalizeDevices(asList(value), path),
  dns: strings,
  dns_opt: strings,
  dns_search: strings,
  entrypoint: command,
  expose: strings,
  extra_hosts: (value, path) => extraHosts(value, path),
  gpus: (value, path) => normalizeGpus(value, path),
  healthcheck: (value, path) => normalizeHealthcheck(asMapping(value), path),
  logging: (value) => normalizeLogging(asMapping(value)),
  mem_limit: byteSize,
  mem_reservation: byteSize,
  mem_swappiness: byteSize,
  memswap_limit: byteSize,
  models: (value) => serviceModels(value),
  ports: (value, path) => normalizePorts(asList(value), path),
  post_start: hooks,
  pre_stop: hooks,
  provider: (value) => {
    const provider = asMapping(value);
    return isMapping(provider.options) ? { ...provider, options: providerOptions(provider.options) } : provider;
  },
  // compose-go reads `if_not_present` as its newer name.
  pull_policy: (value) => (value === 'if_not_present' ? 'missing' : value),
  scale: number,
  secrets: (value) => fileReferences(asList(value), (source) => `/run/secrets/${source}`),
  shm_size: byteSize,
  stop_grace_period: duration,
  storage_opt: mapping,
  sysctls: mapping,
  tmpfs: strings,
  ulimits: (value) => normalizeUlimits(asMapping(value)),
  volumes: (value, path) => normalizeServiceVolumes(asList(value), path),
};

/** Attributes handled after the table, or (`extends`, already applied) dropped as compose-go drops them. */
const HANDLED_LATER = new Set(['environment', 'env_file', 'labels', 'label_file', 'depends_on', 'networks', 'extends']);

/**
 * One service in canonical long form, as `docker compose config` prints it. `raw` is the merged,
 * interpolated, schema-valid service with its relative paths already absolute; it is not changed.
 */
export function normalizeService(name: string, raw: Record<string, unknown>, context: NormalizeContext): ServiceConfig {
  const path: DocumentPath = ['services', name];
  const service: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined || HANDLED_LATER.has(key)) continue;
    const normalize = NORMALIZERS[key];
    service[key] = normalize ? normalize(value, [...path, key], context) : value;
  }

  Object.assign(service, normalizeEnvironment(raw, context, path));
  const labels = resolveLabels(raw.labels, raw.label_file, context, path);
  if (labels !== undefined) service.labels = labels;
  const dependsOn = normalizeDependsOn(raw);
  if (dependsOn) service.depends_on = dependsOn;
  const networks = serviceNetworksOf(raw);
  if (networks) service.networks = networks;
  applyScale(service, path);
  return service as ServiceConfig;
}

function normalizeEnvironment(raw: RawMapping, context: NormalizeContext, path: DocumentPath): RawMapping {
  const hasFiles = raw.env_file !== undefined && raw.env_file !== null;
  const envFiles = hasFiles ? envFileEntries(raw.env_file) : [];
  if (context.resolveEnvironment === false) {
    return {
      ...(raw.environment !== undefined && raw.environment !== null && { environment: environmentMapping(raw.environment) }),
      ...(hasFiles && { env_file: envFiles }),
    };
  }
  if (!hasFiles && (raw.environment === undefined || raw.environment === null)) return {};
  const environment = resolveServiceEnvironment(raw.environment, envFiles, context, path);
  return Object.keys(environment).length > 0 || raw.environment !== undefined ? { environment } : {};
}

function serviceNetworksOf(raw: RawMapping) {
  const hasNetworkMode = typeof raw.network_mode === 'string' && raw.network_mode !== '';
  return serviceNetworks(raw.networks, hasNetworkMode);
}

/** `scale` and `deploy.replicas` say the same thing; compose-go refuses two different numbers. */
function applyScale(service: Record<string, unknown>, path: DocumentPath): void {
  const scale = service.scale;
  const deploy = service.deploy;
  if (typeof scale !== 'number' || !isMapping(deploy)) return;
  if (deploy.replicas !== undefined && deploy.replicas !== null && deploy.replicas !== scale) {
    throw invalidValue(
      path,
      "can't set distinct values on 'scale' and 'deploy.replicas'",
      'scale and deploy.replicas to agree',
      'keep only deploy.replicas (scale is its older name)',
    );
  }
  service.deploy = { ...deploy, replicas: scale };
}
