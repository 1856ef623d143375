import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../../files/write-file-atomic.js';
import { dockerConfigDirectory, type Environment } from '../../../api/contexts/index.js';
import { BerthError } from '../../../errors/index.js';
import { isDockerHub } from '../reference/index.js';

/** Docker Hub's key in `auths` and the server URL its credential helpers are asked for. */
const hubConfigKey = 'https://index.docker.io/v1/';

/** The parts of the docker CLI's config.json that hold credentials; other keys are kept untouched. */
export interface DockerConfig {
  auths?: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

export interface DockerAuthEntry {
  /** base64 of `username:password`. */
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  [other: string]: unknown;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: Environment): string {
  return join(dockerConfigDirectory(env), 'config.json');
}

/** The config, or an empty one when the file does not exist. */
export function readDockerConfig(path: string): DockerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unreadable(path, error);
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unreadable(path, new Error('it is not a JSON object'));
  return value as DockerConfig;
}

/** Replaces the file atomically, mode 0600 as the docker CLI keeps it (it holds credentials). */
export function writeDockerConfig(path: string, config: DockerConfig): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, `${JSON.stringify(config, null, '\t')}\n`, 0o600);
  } catch (error) {
    throw new BerthError({
      code: 'DOCKER_CONFIG_UNWRITABLE',
      kind: 'unavailable',
      message: `cannot write the docker config ${path}: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'check the permissions of that file and its directory, or point DOCKER_CONFIG elsewhere',
      cause: error,
    });
  }
}

/** The key credentials for `host` are stored under: Docker Hub's legacy URL for any of Hub's names, the host otherwise. */
export function credentialKey(host: string): string {
  return isDockerHub(host.toLowerCase()) ? hubConfigKey : host.toLowerCase();
}

/**
 * Whether a key in `auths` or `credHelpers` names `host`. Keys are written many ways
 * (`ghcr.io`, `https://ghcr.io`, `http://ghcr.io/v1/`); as the docker CLI does, the scheme and
 * path are dropped before comparing.
 */
export function keyNamesHost(key: string, host: string): boolean {
  if (key === hubConfigKey) return isDockerHub(host.toLowerCase());
  const bare = key.replace(/^https?:\/\//i, '').split('/')[0]!.toLowerCase();
  return bare === host.toLowerCase() || (isDockerHub(bare) && isDockerHub(host.toLowerCase()));
}

function unreadable(path: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'DOCKER_CONFIG_UNREADABLE',
    kind: 'unavailable',
    message: `cannot read the docker config ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    hint: 'fix the JSON in that file, or point DOCKER_CONFIG to another directory',
    cause,
  });
}
