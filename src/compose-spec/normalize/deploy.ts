import type { DocumentPath } from '../compose-error.js';
import type { DeployConfig } from '../model/index.js';
import { normalizeByteSize } from './byte-size.js';
import { normalizeDuration } from './durations.js';
import { stringMapping } from './mappings.js';
import { deviceRequests } from './resources.js';
import { isMapping, toNumber } from './values.js';

type Block = Record<string, unknown>;

/**
 * `deploy:` with its sizes as byte counts, its durations in Go's form, CPUs as numbers, labels as
 * a mapping and device reservations completed (`count: all` unless ids are named).
 */
export function normalizeDeploy(raw: Block, path: DocumentPath): DeployConfig {
  const deploy: Block = { ...raw };
  if (deploy.replicas !== undefined && deploy.replicas !== null) deploy.replicas = toNumber(deploy.replicas);
  if (deploy.labels !== undefined) deploy.labels = stringMapping(deploy.labels);
  for (const key of ['update_config', 'rollback_config']) {
    const block = deploy[key];
    if (isMapping(block)) deploy[key] = withDurations(block, ['delay', 'monitor'], [...path, key]);
  }
  if (isMapping(deploy.restart_policy)) deploy.restart_policy = withDurations(deploy.restart_policy, ['delay', 'window'], [...path, 'restart_policy']);
  if (isMapping(deploy.resources)) {
    const resources: Block = { ...deploy.resources };
    for (const key of ['limits', 'reservations']) {
      const resource = resources[key];
      if (isMapping(resource)) resources[key] = normalizeResource(resource, [...path, 'resources', key]);
    }
    deploy.resources = resources;
  }
  return deploy as DeployConfig;
}

function normalizeResource(raw: Block, path: DocumentPath): Block {
  const resource: Block = { ...raw };
  if (resource.cpus !== undefined) resource.cpus = toNumber(resource.cpus);
  if (resource.memory !== undefined) resource.memory = normalizeByteSize(resource.memory, [...path, 'memory']);
  if (resource.pids !== undefined) resource.pids = toNumber(resource.pids);
  if (Array.isArray(resource.devices)) resource.devices = deviceRequests(resource.devices, [...path, 'devices']);
  return resource;
}

function withDurations(raw: Block, keys: readonly string[], path: DocumentPath): Block {
  const block: Block = { ...raw };
  for (const key of keys) if (block[key] !== undefined && block[key] !== null) block[key] = normalizeDuration(block[key], [...path, key]);
  return block;
}
