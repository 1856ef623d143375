import { randomUUID } from 'node:crypto';
import type { RuntimeSpec } from './oci-types.js';

/**
 * The spec as the JSON text runc reads from config.json. JSON.stringify cannot write bigints, and a
 * number cannot hold RLIM_INFINITY exactly, so the uint64 fields (rlimits) are written as exact
 * decimal integers by way of a marker string replaced after stringifying.
 */
export function runtimeSpecJson(spec: RuntimeSpec): string {
  const marker = `bigint-${randomUUID()}:`;
  const text = JSON.stringify(spec, (_key, value: unknown) => (typeof value === 'bigint' ? `${marker}${value}` : value));
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), '$1');
}
