import type { Filters, Labels } from '../../api/types/common.js';
import { BerthError } from '../../errors/index.js';

/**
 * The matching rules behind Docker's list and prune filters, shared by volumes and containers.
 * Several values of one key match when any does (names, ids, statuses), except labels, which must
 * all match; several keys must all match. A key the engine does not know is refused, as Docker
 * refuses it, rather than silently widening the answer.
 */
export function checkFilterKeys(filters: Filters, accepted: readonly string[]): void {
  for (const key of Object.keys(filters).sort()) {
    if (!accepted.includes(key)) {
      throw invalidFilter(key, `the filters this list accepts are ${accepted.join(', ')}`);
    }
  }
}

/** Docker's `Args.Match`: no values matches everything; a value matches exactly or as an unanchored regular expression. */
export function matchesAny(filters: Filters, key: string, value: string): boolean {
  const wanted = filters[key];
  if (wanted === undefined || wanted.length === 0) return true;
  return wanted.some((pattern) => pattern === value || matchesPattern(pattern, value));
}

/** Docker's `MatchKVList`: every `key` or `key=value` asked for is on the object. */
export function matchesLabels(filters: Filters, key: string, labels: Labels | null | undefined): boolean {
  const wanted = filters[key];
  if (wanted === undefined || wanted.length === 0) return true;
  return wanted.every((entry) => {
    const equals = entry.indexOf('=');
    const name = equals < 0 ? entry : entry.slice(0, equals);
    if (labels === null || labels === undefined || !Object.hasOwn(labels, name)) return false;
    return equals < 0 || labels[name] === entry.slice(equals + 1);
  });
}

/** A filter that is true or false (`dangling`): `true`/`1` or `false`/`0`; undefined when absent. */
export function booleanFilter(filters: Filters, key: string): boolean | undefined {
  const values = filters[key];
  if (values === undefined || values.length === 0) return undefined;
  const truth = new Set(values.map((value) => value.toLowerCase()));
  const yes = truth.has('true') || truth.has('1');
  const no = truth.has('false') || truth.has('0');
  if (yes === no || [...truth].some((value) => !['true', '1', 'false', '0'].includes(value))) {
    throw invalidFilter(`${key}=[${values.join(' ')}]`, `give ${key}=true or ${key}=false`);
  }
  return yes;
}

/** Docker's text for a filter it cannot apply (400): `Invalid filter 'status=bogus'`. */
export function invalidFilter(what: string, hint: string): BerthError {
  return new BerthError({ code: 'INVALID_FILTER', kind: 'usage', message: `Invalid filter '${what}'`, hint });
}

function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // Docker skips a value that is not a valid regular expression; it can still match exactly.
    return false;
  }
}
