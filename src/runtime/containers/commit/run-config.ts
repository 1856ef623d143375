import type { ContainerConfig } from '../../../api/types/containers.js';

/**
 * Docker's container.Config as a commit handles it: the container's Config (berth's record keeps
 * the API's fields), what a request body overrides, and the fields only images carry.
 */
export type RunConfig = ContainerConfig & {
  OnBuild?: string[];
  Shell?: string[];
  ArgsEscaped?: boolean;
};

/**
 * A config from JSON (a request body, a record), with Go's nulls as absent fields, copied deeply
 * enough that changing its lists and maps leaves the source alone.
 */
export function copyRunConfig(source: object): RunConfig {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) copy[key] = [...(value as unknown[])];
    else if (typeof value === 'object') copy[key] = { ...(value as Record<string, unknown>) };
    else copy[key] = value;
  }
  return copy as RunConfig;
}
