import type { Filters } from '../types/common.js';

/** A query parameter's value: left out when undefined, booleans as Docker's `1`/`0`, a list repeated. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;
export type Query = Record<string, QueryValue>;

/**
 * `?a=1&b=x` from a query object, parameters in the order given and undefined ones left out.
 * Docker parses booleans leniently (`1`, `true`, `True`); `1` and `0` are what its own client sends.
 */
export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(name, item);
      continue;
    }
    params.append(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The `filters` parameter: `{"label":["a=b"]}` as JSON, keys and values sorted so the same
 * filters always make the same URL. Empty filters are left out entirely (undefined), because
 * some engines reject `filters={}` on older endpoints.
 */
export function encodeFilters(filters: Filters | undefined): string | undefined {
  if (!filters) return undefined;
  const keys = Object.keys(filters)
    .filter((key) => (filters[key]?.length ?? 0) > 0)
    .sort();
  if (keys.length === 0) return undefined;
  const sorted: Record<string, string[]> = {};
  for (const key of keys) sorted[key] = [...new Set(filters[key])].sort();
  return JSON.stringify(sorted);
}

/**
 * One path segment for a name or id. Image references keep their `/`, `:` and `@`
 * (`/images/docker.io/library/busybox:latest/json`), as Docker's routes expect them; anything
 * else that could change the URL's meaning (`?`, `#`, `%`, spaces) is escaped.
 */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}
