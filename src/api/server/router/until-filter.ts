import { parseUntil } from '../../../format/docker-until.js';
import { badParameter } from '../http/api-error.js';

/**
 * The cut-off a prune's `until` filter names, in milliseconds since the epoch (see parseUntil for
 * the forms dockerd reads), or undefined without one. Two `until`s are dockerd's 400.
 */
export function untilCutoff(values: readonly string[] | undefined, now = Date.now()): number | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw badParameter('more than one until filter specified');
  return parseUntil(values[0]!, new Date(now));
}
