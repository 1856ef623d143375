import type { HealthConfig } from '../../api/index.js';
import type { Duration, HealthCheckConfig, NullableStringMapping } from '../../compose-spec/index.js';
import { parseDuration } from '../../compose-spec/normalize/durations.js';
import { definedFields, listCopy } from './defined-fields.js';

/**
 * `Healthcheck` with durations in nanoseconds; `disable: true` is Test `["NONE"]`. Compose
 * refuses `start_interval` below API 1.44, which has no field for it: berth leaves it out.
 */
export function healthConfig(check: HealthCheckConfig | undefined): HealthConfig | undefined {
  if (check === undefined) return undefined;
  return definedFields({
    Test: check.disable ? ['NONE'] : listCopy(check.test),
    Interval: nanoseconds(check.interval),
    Timeout: nanoseconds(check.timeout),
    StartPeriod: nanoseconds(check.start_period),
    Retries: check.retries,
  });
}

/** `stop_grace_period` in whole seconds (`StopTimeout`), truncated as Compose's `ToSeconds` does. */
export function stopTimeout(gracePeriod: Duration | undefined): number | undefined {
  const ns = nanoseconds(gracePeriod);
  return ns === undefined ? undefined : Math.trunc(ns / 1e9);
}

/** `Env` as `NAME=value`, in the model's order; a name left without a value is not sent. */
export function environmentList(environment: NullableStringMapping | undefined): string[] | undefined {
  if (environment === undefined) return undefined;
  return Object.entries(environment).flatMap(([name, value]) => (value === null ? [] : [`${name}=${value}`]));
}

function nanoseconds(duration: Duration | undefined): number | undefined {
  return duration === undefined ? undefined : parseDuration(duration);
}
