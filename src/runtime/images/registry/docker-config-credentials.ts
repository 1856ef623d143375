import type { Environment } from '../../../api/contexts/index.js';
import { BerthError } from '../../../errors/index.js';
import { runCredentialHelper } from './credential-helper.js';
import { credentialKey, dockerConfigPath, keyNamesHost, readDockerConfig, type DockerAuthEntry, type DockerConfig } from './docker-config-file.js';
import type { CredentialSource, Credentials } from './types.js';

/**
 * Credentials as the docker CLI finds them in `$DOCKER_CONFIG/config.json` (else
 * `~/.docker/config.json`), read on each `get` so a `berth login` elsewhere is seen:
 *
 * 1. `credHelpers[host]`: that helper, `docker-credential-<name> get`;
 * 2. else `credsStore`: that helper for every host;
 * 3. else `auths[host]`: `auth` (base64 `username:password`), or `identitytoken`.
 *
 * Docker Hub is looked up as `https://index.docker.io/v1/`, whichever of its names is asked for.
 * A helper's `<token>` username means its secret is an identity token.
 */
export function dockerConfigCredentials(env: Environment = process.env): CredentialSource {
  return {
    async get(host: string): Promise<Credentials | undefined> {
      const config = readDockerConfig(dockerConfigPath(env));
      const helper = helperFor(config, host);
      if (helper !== undefined) return fromHelper(await runCredentialHelper(helper, 'get', credentialKey(host), env), helper);
      const entry = authEntryFor(config, host);
      return entry && fromAuthEntry(entry, host, dockerConfigPath(env));
    },
  };
}

/** The same credentials for every host: what `berth login` checks before it saves them. */
export function fixedCredentials(credentials: Credentials): CredentialSource {
  return { get: () => Promise.resolve(credentials) };
}

/** The helper configured for `host`, per-host first, then the store for all. */
export function helperFor(config: DockerConfig, host: string): string | undefined {
  const perHost = Object.entries(config.credHelpers ?? {}).find(([key]) => keyNamesHost(key, host))?.[1];
  if (typeof perHost === 'string' && perHost !== '') return perHost;
  return typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : undefined;
}

/** The `auths` entry for `host`: the canonical key first, then any spelling of it. */
function authEntryFor(config: DockerConfig, host: string): DockerAuthEntry | undefined {
  const auths = config.auths ?? {};
  const exact = auths[credentialKey(host)];
  if (exact) return exact;
  return Object.entries(auths).find(([key]) => keyNamesHost(key, host))?.[1];
}

function fromAuthEntry(entry: DockerAuthEntry, host: string, path: string): Credentials | undefined {
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') return { identityToken: entry.identitytoken };
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) {
      throw new BerthError({
        code: 'DOCKER_CONFIG_UNREADABLE',
        kind: 'unavailable',
        message: `the credentials for ${host} in ${path} are not base64 of "username:password"`,
        hint: `log in again with \`berth login ${host}\``,
      });
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') return { username: entry.username, password: entry.password };
  return undefined;
}

function fromHelper(output: string | undefined, helper: string): Credentials | undefined {
  if (output === undefined) return undefined;
  let record: { Username?: unknown; Secret?: unknown };
  try {
    record = JSON.parse(output) as typeof record;
  } catch (cause) {
    throw new BerthError({
      code: 'CREDENTIAL_HELPER_FAILED',
      kind: 'unavailable',
      message: `credential helper docker-credential-${helper} answered something that is not JSON`,
      hint: 'check the helper by hand, or remove it from the docker config',
      cause,
    });
  }
  const { Username: username, Secret: secret } = record;
  if (typeof secret !== 'string' || secret === '') return undefined;
  if (username === '<token>') return { identityToken: secret };
  return { username: typeof username === 'string' ? username : '', password: secret };
}
