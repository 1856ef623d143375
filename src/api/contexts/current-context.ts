import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import { storeWriteFailed } from './metadata-store.js';

/**
 * The current context lives in `config.json` as `currentContext`, as in the docker CLI's
 * configuration file; absent or empty means `default`. Other keys in the file are kept as they are.
 */
export function readCurrentContext(configDirectory: string): string | undefined {
  const value = readConfigFile(configDirectory).currentContext;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Sets the current context; `undefined` goes back to `default` by dropping the key. */
export function writeCurrentContext(configDirectory: string, name: string | undefined): void {
  const config = readConfigFile(configDirectory);
  if (name === undefined) delete config.currentContext;
  else config.currentContext = name;
  const path = configFilePath(configDirectory);
  try {
    mkdirSync(configDirectory, { recursive: true, mode: 0o700 });
    // 0600 as the docker CLI's config.json: it may one day hold credentials.
    writeFileAtomic(path, `${JSON.stringify(config, null, '\t')}\n`, 0o600);
  } catch (error) {
    throw storeWriteFailed(`save the current context in ${path}`, error);
  }
}

function configFilePath(configDirectory: string): string {
  return join(configDirectory, 'config.json');
}

function readConfigFile(configDirectory: string): Record<string, unknown> {
  const path = configFilePath(configDirectory);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unreadableConfig(path, error);
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unreadableConfig(path, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unreadableConfig(path, new Error('it is not a JSON object'));
  return value as Record<string, unknown>;
}

function unreadableConfig(path: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'CONFIG_UNREADABLE',
    kind: 'unavailable',
    message: `cannot read berth's configuration file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    hint: 'fix the JSON in that file, or remove it to go back to the default context',
    cause,
  });
}
