import type { DocumentPath } from '../compose-error.js';
import type { HealthCheckConfig } from '../model/index.js';
import { normalizeDuration } from './durations.js';
import { scalarText, toNumber } from './values.js';

const DURATIONS = ['timeout', 'interval', 'start_period', 'start_interval'];

/**
 * `healthcheck:` with `test: "cmd"` as `["CMD-SHELL", "cmd"]` and its durations in Go's form.
 * `disable: true` and `test: ["NONE"]` are kept as written, as compose-go keeps them.
 */
export function normalizeHealthcheck(raw: Record<string, unknown>, path: DocumentPath): HealthCheckConfig {
  const healthcheck: Record<string, unknown> = { ...raw };
  const test = healthcheck.test;
  if (typeof test === 'string') healthcheck.test = ['CMD-SHELL', test];
  else if (Array.isArray(test)) healthcheck.test = test.map(scalarText);
  for (const key of DURATIONS) {
    if (healthcheck[key] !== undefined && healthcheck[key] !== null) healthcheck[key] = normalizeDuration(healthcheck[key], [...path, key]);
  }
  if (healthcheck.retries !== undefined && healthcheck.retries !== null) healthcheck.retries = toNumber(healthcheck.retries);
  return healthcheck as HealthCheckConfig;
}
