import { readFileSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { configKeys, shapeProblem, type ConfigKey, type FileConfig } from './config-keys.js';

/**
 * Reads daemon.json. A missing file is fine unless it was named on the command line, as with
 * dockerd; a key berth does not know, a value of the wrong shape, or bad JSON fails with the
 * file's path, in dockerd's words ("unable to configure the Docker daemon with file ...").
 */
export function readConfigFile(path: string, named: boolean): FileConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return undefined;
    throw configFileError(path, code === 'ENOENT' ? `open ${path}: no such file or directory` : (error as Error).message, 'create the file, or leave --config-file out');
  }
  return parseConfigText(text, path);
}

/** The file's content, checked key by key. */
export function parseConfigText(text: string, path: string): FileConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw configFileError(path, `invalid JSON: ${(error as Error).message}`, 'the file holds one JSON object, e.g. {"data-root": "/srv/berth"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw configFileError(path, 'the file must hold one JSON object', 'write it as {"key": value, ...}');
  }
  const entries = Object.entries(parsed);
  const unknown = entries.map(([key]) => key).filter((key) => !Object.hasOwn(configKeys, key)).sort();
  if (unknown.length > 0) {
    throw configFileError(path, `the following directives don't match any configuration option: ${unknown.join(', ')}`, `the keys berth knows are: ${Object.keys(configKeys).sort().join(', ')}`);
  }
  for (const [key, value] of entries) {
    const problem = shapeProblem(key as ConfigKey, value);
    if (problem) throw configFileError(path, problem, 'see the daemon README (src/daemon/README.md) for each key');
  }
  return parsed as FileConfig;
}

export function configFileError(path: string, reason: string, hint: string): BerthError {
  return new BerthError({ code: 'DAEMON_CONFIG_INVALID', kind: 'usage', message: `unable to configure the berth daemon with file ${path}: ${reason}`, hint });
}
