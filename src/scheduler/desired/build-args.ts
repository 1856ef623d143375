import { usageError } from '../../errors/index.js';

/**
 * The build arguments sent for a service, as Compose merges them: the compose file's `args`,
 * then `--build-arg` values over them. An argument without a value (`args: [NAME]`, or
 * `--build-arg NAME`) takes the environment's value, and is left out when the environment does
 * not set it, so the Dockerfile's own `ARG NAME=default` applies. Keys come out sorted.
 */
export function mergeBuildArgs(
  composeArgs: Readonly<Record<string, string | null>> | undefined,
  overrides: Readonly<Record<string, string | null>> | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const merged: Record<string, string | null> = { ...composeArgs, ...overrides };
  const args: Record<string, string> = {};
  for (const key of Object.keys(merged).sort()) {
    const value = merged[key] ?? environment[key];
    if (value !== undefined && value !== null) args[key] = value;
  }
  return args;
}

/**
 * `--build-arg` entries as given on the command line: `NAME=value`, or `NAME` alone for the
 * environment's value (null here). A later entry for the same name wins.
 */
export function parseBuildArgEntries(entries: readonly string[]): Record<string, string | null> {
  const args: Record<string, string | null> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals === 0 || entry === '') throw usageError(`--build-arg ${JSON.stringify(entry)}: the argument has no name`, 'write it as --build-arg NAME=value, or --build-arg NAME to pass the environment\'s value');
    if (equals < 0) args[entry] = null;
    else args[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return args;
}
