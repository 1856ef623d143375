/** A YAML mapping as the phases before normalization see it: plain keys, values not yet typed. */
export type RawMapping = Record<string, unknown>;

export function isMapping(value: unknown): value is RawMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `x-*` extension fields of a mapping, which Compose keeps as written. */
export function extensionsOf(value: Readonly<RawMapping>): RawMapping {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith('x-')));
}
