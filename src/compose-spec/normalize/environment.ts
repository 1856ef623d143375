import type { DocumentPath } from '../compose-error.js';
import type { EnvFileConfig } from '../model/index.js';
import type { NormalizeContext } from './context.js';
import { invalidValue } from './normalize-error.js';
import { isMapping, scalarText, sortedEntries } from './values.js';

type Environment = Record<string, string | null>;

/**
 * `KEY=value` entries or a mapping, as a mapping. A name without `=` (or with a `null` value)
 * maps to `null`: "take it from the environment".
 */
export function environmentMapping(raw: unknown): Environment {
  const environment: Environment = {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const text = scalarText(entry);
      const equals = text.indexOf('=');
      if (equals < 0) environment[text] = null;
      else environment[text.slice(0, equals)] = text.slice(equals + 1);
    }
  } else if (isMapping(raw)) {
    for (const [key, value] of Object.entries(raw)) environment[key] = value === null || value === undefined ? null : scalarText(value);
  }
  return environment;
}

/** `env_file` in long syntax: `{path, required, format?}`, `required` defaulting to true. */
export function envFileEntries(raw: unknown): EnvFileConfig[] {
  const entries = Array.isArray(raw) ? raw : [raw];
  return entries.map((entry) => {
    if (!isMapping(entry)) return { path: scalarText(entry), required: true };
    return { ...entry, path: scalarText(entry.path), required: entry.required === undefined ? true : Boolean(entry.required) } as EnvFileConfig;
  });
}

/**
 * The service environment as `docker compose config` prints it: names without a value take
 * the project environment's value (or stay `null`); then the `env_file` files are read in
 * order, a later file overriding an earlier one, and the explicit entries override them all.
 * A required file that does not exist is an error; an optional one is skipped.
 */
export function resolveServiceEnvironment(
  raw: unknown,
  envFiles: readonly EnvFileConfig[],
  context: NormalizeContext,
  path: DocumentPath,
): Environment {
  const explicit = environmentMapping(raw);
  for (const [key, value] of Object.entries(explicit)) {
    if (value === null && Object.hasOwn(context.environment, key)) explicit[key] = context.environment[key]!;
  }
  const merged: Environment = {};
  envFiles.forEach((file, index) => {
    const required = file.required !== false;
    const values = context.readEnvFile(file.path, { raw: file.format === 'raw', required });
    if (values === undefined) {
      if (required) throw missingEnvFile(file.path, [...path, 'env_file', index]);
      return;
    }
    for (const [key, value] of values) merged[key] = value;
  });
  // An explicit name left without a value still overrides a file's value, as in compose-go.
  Object.assign(merged, explicit);
  return sortedEntries(Object.entries(merged));
}

function missingEnvFile(file: string, path: DocumentPath) {
  return invalidValue(
    path,
    `env file ${file} not found`,
    'an existing file, or an entry with required: false',
    `create ${file}, or write the entry as {path: ${file}, required: false} if it is optional`,
  );
}

/** `build.args`: names without a value take the environment's value, or are left out. */
export function resolveBuildArgs(raw: unknown, environment: Readonly<Record<string, string>>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(environmentMapping(raw))) {
    if (value !== null) args[key] = value;
    else if (Object.hasOwn(environment, key)) args[key] = environment[key]!;
  }
  return sortedEntries(Object.entries(args));
}
