import { formatGoFloat } from '../render/go-values.js';

/** Raw, schema-valid values as Compose reads them into its string maps. */
export { extensionsOf, isMapping, type RawMapping } from '../raw-mapping.js';
import { isMapping } from '../raw-mapping.js';

/** Go's `fmt.Sprint` of a YAML scalar: `1` as `1`, `1.5` as `1.5`, `true` as `true`, null as `""`. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return formatGoFloat(value, 64);
  return String(value);
}

/**
 * compose-go's `Labels`: a mapping with every value as a string, or a list of `key=value`
 * entries where a bare `key` gets the empty string.
 */
export function labelsMap(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    const labels: Record<string, string> = {};
    for (const entry of value) {
      const text = goSprint(entry);
      const separator = text.indexOf('=');
      if (separator < 0) labels[text] = '';
      else labels[text.slice(0, separator)] = text.slice(separator + 1);
    }
    return labels;
  }
  return stringMap(value);
}

/** compose-go's `Options` and `Mapping`: each value as a string, null as the empty string. */
export function stringMap(value: unknown): Record<string, string> {
  if (!isMapping(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, goSprint(entry)]));
}

/** Go's `strconv.ParseBool`, which Compose applies to `external` and other flags given as text. */
export function goBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

