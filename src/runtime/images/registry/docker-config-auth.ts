import type { Environment } from '../../../api/contexts/index.js';
import { runCredentialHelper } from './credential-helper.js';
import { credentialKey, dockerConfigPath, keyNamesHost, readDockerConfig, writeDockerConfig, type DockerAuthEntry } from './docker-config-file.js';
import { helperFor } from './docker-config-credentials.js';
import type { Credentials } from './types.js';

/**
 * Saves credentials for `host` where the docker CLI would (`berth login`): through the
 * configured credential helper (`store`), else in config.json's `auths`, replacing any other
 * spelling of the same host. Other keys of the file are kept; the file is rewritten atomically
 * with mode 0600.
 */
export async function writeDockerConfigAuth(host: string, credentials: Credentials, env: Environment = process.env): Promise<void> {
  const path = dockerConfigPath(env);
  const config = readDockerConfig(path);
  const key = credentialKey(host);
  const helper = helperFor(config, host);
  if (helper !== undefined) {
    const [username, secret] = 'identityToken' in credentials ? ['<token>', credentials.identityToken] : [credentials.username, credentials.password];
    await runCredentialHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: secret }), env);
    return;
  }
  const auths = withoutHost(config.auths ?? {}, host);
  auths[key] = 'identityToken' in credentials ? { identitytoken: credentials.identityToken } : { auth: Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64') };
  writeDockerConfig(path, { ...config, auths });
}

/**
 * Forgets the credentials for `host` (`berth logout`): erases them from the helper, if one is
 * configured, and drops every `auths` entry naming the host. Resolves to whether any were found.
 */
export async function removeDockerConfigAuth(host: string, env: Environment = process.env): Promise<boolean> {
  const path = dockerConfigPath(env);
  const config = readDockerConfig(path);
  const helper = helperFor(config, host);
  let removed = false;
  if (helper !== undefined) removed = (await runCredentialHelper(helper, 'erase', credentialKey(host), env)) !== undefined;
  const auths = config.auths ?? {};
  const remaining = withoutHost(auths, host);
  if (Object.keys(remaining).length !== Object.keys(auths).length) {
    writeDockerConfig(path, { ...config, auths: remaining });
    removed = true;
  }
  return removed;
}

function withoutHost(auths: Record<string, DockerAuthEntry>, host: string): Record<string, DockerAuthEntry> {
  return Object.fromEntries(Object.entries(auths).filter(([key]) => !keyNamesHost(key, host)));
}
