import type { Filters } from '../../types/common.js';
import { badParameter } from './api-error.js';

/**
 * Query parameters read as Docker's engine reads them (api/server/httputils): a boolean is true
 * unless it is empty, `0`, `no`, `false` or `none` (any case), so `1`, `true` and `True` all work;
 * unknown parameters are ignored; filters come in both of Docker's encodings.
 */
export class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  bool(name: string, fallback = false): boolean {
    const value = this.params.get(name);
    if (value === null) return fallback;
    return !['', '0', 'no', 'false', 'none'].includes(value.trim().toLowerCase());
  }

  /** An integer, or `fallback` when absent or empty; anything else is a 400 that names the parameter. */
  int(name: string, fallback?: number): number | undefined {
    const value = this.params.get(name);
    if (value === null || value.trim() === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number)) throw badParameter(`invalid value for ${name}: ${JSON.stringify(value)} is not an integer`);
    return number;
  }

  /**
   * `filters`, as `{"label":["a=b"]}` or the older `{"label":{"a=b":true}}`; absent or empty is
   * no filter. Malformed JSON is Docker's 400.
   */
  filters(name = 'filters'): Filters {
    const text = this.params.get(name);
    if (text === null || text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badParameter(`invalid filter: ${JSON.stringify(text)} is not JSON`);
    }
    if (parsed === null) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw badParameter(`invalid filter: ${JSON.stringify(text)} is not an object`);
    const filters: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(values)) filters[key] = values.map(String);
      else if (values && typeof values === 'object') filters[key] = Object.entries(values).filter(([, on]) => on === true).map(([value]) => value);
      else throw badParameter(`invalid filter: the value of ${JSON.stringify(key)} must be a list or a map`);
    }
    return filters;
  }
}
