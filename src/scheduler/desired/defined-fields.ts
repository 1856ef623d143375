/**
 * The object without its `undefined` fields, so a request holds only what the compose file says
 * (the engine's defaults apply to the rest) and prints without noise in `--dry-run` and tests.
 */
export function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A mutable copy of a model list, or `undefined` when the model has none. */
export function listCopy<T>(list: readonly T[] | undefined): T[] | undefined {
  return list === undefined ? undefined : [...list];
}

/** A mutable copy of a model mapping, or `undefined` when the model has none. */
export function mappingCopy(mapping: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  return mapping === undefined ? undefined : { ...mapping };
}
