/**
 * `-e` values of `exec` and `run`, as Compose reads them: `KEY=VALUE` as given, and a bare `KEY`
 * takes its value from the project's environment (this process's, then `.env`). A bare key with
 * no value there is passed on bare by `exec` (the engine then leaves the variable out) and
 * dropped by `run`.
 */
export function commandLineEnvironment(entries: readonly string[], environment: Readonly<Record<string, string>>): Array<[key: string, value: string | undefined]> {
  return entries.map((entry) => {
    const equals = entry.indexOf('=');
    if (equals !== -1) return [entry.slice(0, equals), entry.slice(equals + 1)];
    return [entry, Object.hasOwn(environment, entry) ? environment[entry] : undefined];
  });
}

/** The engine's `Env` form: `KEY=VALUE`, or `KEY` alone when the value is unknown. */
export function engineEnvironment(entries: ReadonlyArray<[string, string | undefined]>): string[] {
  return entries.map(([key, value]) => (value === undefined ? key : `${key}=${value}`));
}
