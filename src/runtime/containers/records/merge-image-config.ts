import type { Labels } from '../../../api/types/common.js';
import type { ContainerConfig, HealthConfig } from '../../../api/types/containers.js';
import type { ImageConfig } from '../../../api/types/images.js';
import { mergeCommand, mergeConfigEnv } from '../spec/index.js';

/** A container's Config once the image's defaults are in it: what inspect shows, and what runs. */
export type MergedConfig = ContainerConfig & { Image: string; Labels: Labels };

/**
 * The container's configuration with its image's filled in, as Docker's create merges them (its
 * `merge` in daemon/commit.go), so inspect shows what Docker shows:
 * - User, WorkingDir, StopSignal: the container's when set, else the image's.
 * - Env and Entrypoint/Cmd: as the spec merges them (mergeConfigEnv, mergeCommand), one rule for
 *   what inspect shows and what runs.
 * - ExposedPorts, Volumes: both sets. Labels: the container's, plus image labels it does not set.
 * - Healthcheck: the image's, with each field the container sets taking its place.
 */
export function mergeImageConfig(config: ContainerConfig & { Image: string }, image: ImageConfig): MergedConfig {
  const merged: MergedConfig = { ...config, Labels: { ...(image.Labels ?? {}), ...(config.Labels ?? {}) } };
  if (!config.User && image.User) merged.User = image.User;
  if (!config.WorkingDir && image.WorkingDir) merged.WorkingDir = image.WorkingDir;
  if (!config.StopSignal && image.StopSignal) merged.StopSignal = image.StopSignal;
  const env = mergeConfigEnv(config.Env, image.Env);
  if (env.length > 0) merged.Env = env;
  const ports = { ...(image.ExposedPorts ?? {}), ...(config.ExposedPorts ?? {}) };
  if (Object.keys(ports).length > 0) merged.ExposedPorts = ports;
  const volumes = { ...(config.Volumes ?? {}), ...(image.Volumes ?? {}) };
  if (Object.keys(volumes).length > 0) merged.Volumes = volumes;
  const command = mergeCommand(config, image);
  if (command.Entrypoint) merged.Entrypoint = command.Entrypoint;
  else delete merged.Entrypoint;
  if (command.Cmd) merged.Cmd = command.Cmd;
  else delete merged.Cmd;
  const health = mergeHealth(config.Healthcheck, image.Healthcheck);
  if (health) merged.Healthcheck = health;
  return merged;
}

function mergeHealth(own: HealthConfig | undefined, image: HealthConfig | undefined): HealthConfig | undefined {
  if (!image) return own;
  if (!own) return image;
  const merged: HealthConfig = { ...own };
  if (!hasItems(own.Test) && image.Test) merged.Test = image.Test;
  for (const field of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
    if (!own[field] && image[field]) merged[field] = image[field];
  }
  return merged;
}

function hasItems(list: readonly string[] | null | undefined): boolean {
  return list !== undefined && list !== null && list.length > 0;
}
