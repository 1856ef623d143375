import type { HealthConfig } from '../../../api/types/containers.js';
import type { RunConfig } from './run-config.js';

/**
 * The committed image's config, as Docker's commit merges them (daemon/commit.go `merge`): the
 * requested config (the request body's, else the container's, with the changes applied) is
 * completed from the container's own where it says nothing:
 * - User, WorkingDir, StopSignal when empty; Env entries whose names it lacks; ExposedPorts,
 *   Volumes and Labels it lacks (Labels always a map, empty or not);
 * - when it has no Entrypoint: the container's Cmd (and Shell) if it has no Cmd either, and the
 *   container's Entrypoint unless it set an empty one on purpose;
 * - the Healthcheck's fields it leaves at zero.
 * `requested` is changed in place and returned.
 */
export function mergeCommitConfig(requested: RunConfig, container: RunConfig): RunConfig {
  if (!requested.User && container.User) requested.User = container.User;
  requested.ExposedPorts = { ...(container.ExposedPorts ?? {}), ...(requested.ExposedPorts ?? {}) };
  if (Object.keys(requested.ExposedPorts).length === 0) delete requested.ExposedPorts;
  if (!hasItems(requested.Env)) {
    if (container.Env) requested.Env = [...container.Env];
  } else {
    const names = new Set(requested.Env!.map(envName));
    for (const entry of container.Env ?? []) if (!names.has(envName(entry))) requested.Env!.push(entry);
  }
  requested.Labels = { ...(container.Labels ?? {}), ...(requested.Labels ?? {}) };
  if (!hasItems(requested.Entrypoint)) {
    if (!hasItems(requested.Cmd)) {
      if (container.Cmd) requested.Cmd = container.Cmd;
      else delete requested.Cmd;
      if (container.Shell) requested.Shell = container.Shell;
      else delete requested.Shell;
    }
    if (requested.Entrypoint === undefined && container.Entrypoint) requested.Entrypoint = container.Entrypoint;
  }
  if (container.Healthcheck) requested.Healthcheck = mergeHealth(requested.Healthcheck, container.Healthcheck);
  if (!requested.WorkingDir && container.WorkingDir) requested.WorkingDir = container.WorkingDir;
  // The container's volumes win over the requested ones of the same path, as in Docker.
  if (hasKeys(requested.Volumes) || hasKeys(container.Volumes)) requested.Volumes = { ...(requested.Volumes ?? {}), ...(container.Volumes ?? {}) };
  if (!requested.StopSignal && container.StopSignal) requested.StopSignal = container.StopSignal;
  return requested;
}

function mergeHealth(requested: HealthConfig | undefined, container: HealthConfig): HealthConfig {
  if (!requested) return container;
  const merged: HealthConfig = { ...requested };
  if (!hasItems(requested.Test) && container.Test) merged.Test = container.Test;
  for (const field of ['Interval', 'Timeout', 'StartPeriod', 'Retries'] as const) {
    if (!requested[field] && container[field]) merged[field] = container[field];
  }
  return merged;
}

function envName(entry: string): string {
  return entry.split('=', 1)[0]!;
}

function hasItems(list: readonly string[] | undefined): boolean {
  return list !== undefined && list.length > 0;
}

function hasKeys(map: object | undefined): boolean {
  return map !== undefined && Object.keys(map).length > 0;
}
