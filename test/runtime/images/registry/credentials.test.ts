import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BerthError } from '../../../../src/errors/index.js';
import { dockerConfigCredentials, removeDockerConfigAuth, writeDockerConfigAuth } from '../../../../src/runtime/images/registry/index.js';

let root: string;
let env: Record<string, string>;
const configFile = (): string => join(root, 'docker', 'config.json');
const writeConfig = (config: unknown): void => writeFileSync(configFile(), JSON.stringify(config));
const readConfig = (): Record<string, unknown> => JSON.parse(readFileSync(configFile(), 'utf8')) as Record<string, unknown>;
const auth = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

/** A docker-credential-NAME script on the test's PATH; `get` answers per server, `store` and `erase` record their input. */
function installHelper(name: string, script: string): void {
  const path = join(root, 'bin', `docker-credential-${name}`);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
}

const recordingHelper = `
case "$1" in
  get)
    read -r server
    case "$server" in
      ghcr.io) printf '{"ServerURL":"%s","Username":"ann","Secret":"from-helper"}' "$server" ;;
      https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh-token"}' "$server" ;;
      *) echo "credentials not found in native keychain"; exit 1 ;;
    esac ;;
  store) cat > "$(dirname "$0")/stored" ;;
  erase) cat > "$(dirname "$0")/erased" ;;
esac`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-credentials-'));
  for (const directory of ['docker', 'bin', 'home']) mkdirSync(join(root, directory));
  env = { DOCKER_CONFIG: join(root, 'docker'), HOME: join(root, 'home'), PATH: `${join(root, 'bin')}:${process.env.PATH ?? ''}` };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('dockerConfigCredentials', () => {
  test('reads base64 auth from auths, and Docker Hub under its legacy key for every Hub name', async () => {
    writeConfig({ auths: { '127.0.0.1:5000': { auth: auth('ann', 'pa:ss') }, 'https://index.docker.io/v1/': { auth: auth('hubuser', 'hubpass') } } });
    const source = dockerConfigCredentials(env);

    await expect(source.get('127.0.0.1:5000')).resolves.toEqual({ username: 'ann', password: 'pa:ss' });
    await expect(source.get('registry-1.docker.io')).resolves.toEqual({ username: 'hubuser', password: 'hubpass' });
    await expect(source.get('docker.io')).resolves.toEqual({ username: 'hubuser', password: 'hubpass' });
    await expect(source.get('quay.io')).resolves.toBeUndefined();
  });

  test('finds keys written with a scheme or a path, and identity tokens', async () => {
    writeConfig({ auths: { 'https://registry.example:5000/v1/': { auth: auth('a', 'b') }, 'ghcr.io': { identitytoken: 'refresh' } } });
    const source = dockerConfigCredentials(env);

    await expect(source.get('registry.example:5000')).resolves.toEqual({ username: 'a', password: 'b' });
    await expect(source.get('ghcr.io')).resolves.toEqual({ identityToken: 'refresh' });
  });

  test('no config file means no credentials; ~/.docker is used without DOCKER_CONFIG', async () => {
    await expect(dockerConfigCredentials(env).get('ghcr.io')).resolves.toBeUndefined();
    mkdirSync(join(root, 'home', '.docker'));
    writeFileSync(join(root, 'home', '.docker', 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: auth('home', 'pw') } } }));
    const { DOCKER_CONFIG: _unused, ...withoutDockerConfig } = env;
    await expect(dockerConfigCredentials(withoutDockerConfig).get('ghcr.io')).resolves.toEqual({ username: 'home', password: 'pw' });
  });

  test('credHelpers wins over auths for its host, and a helper "<token>" user is an identity token', async () => {
    installHelper('fake', recordingHelper);
    writeConfig({
      auths: { 'ghcr.io': { auth: auth('from', 'file') }, 'quay.io': { auth: auth('quay', 'file') } },
      credHelpers: { 'ghcr.io': 'fake', 'https://index.docker.io/v1/': 'fake' },
    });
    const source = dockerConfigCredentials(env);

    await expect(source.get('ghcr.io')).resolves.toEqual({ username: 'ann', password: 'from-helper' });
    await expect(source.get('registry-1.docker.io')).resolves.toEqual({ identityToken: 'refresh-token' });
    await expect(source.get('quay.io')).resolves.toEqual({ username: 'quay', password: 'file' });
  });

  test('credsStore answers for every host, and its "not found" means anonymous', async () => {
    installHelper('fake', recordingHelper);
    writeConfig({ credsStore: 'fake', auths: { 'quay.io': {} } });
    const source = dockerConfigCredentials(env);

    await expect(source.get('ghcr.io')).resolves.toEqual({ username: 'ann', password: 'from-helper' });
    await expect(source.get('quay.io')).resolves.toBeUndefined();
  });

  test('a helper that fails or is missing is an error naming the helper and what it said', async () => {
    installHelper('broken', 'echo "secret service is locked" >&2; exit 3');
    writeConfig({ credHelpers: { 'ghcr.io': 'broken', 'quay.io': 'absent' } });
    const source = dockerConfigCredentials(env);

    const failed = (await source.get('ghcr.io').catch((error: unknown) => error)) as BerthError;
    expect(failed.code).toBe('CREDENTIAL_HELPER_FAILED');
    expect(failed.message).toBe('credential helper `docker-credential-broken get` exited with 3: secret service is locked');
    const missing = (await source.get('quay.io').catch((error: unknown) => error)) as BerthError;
    expect(missing.code).toBe('CREDENTIAL_HELPER_MISSING');
    expect(missing.hint).toContain('install docker-credential-absent');
  });

  test('a config file that is not JSON is an error naming the file', async () => {
    writeFileSync(configFile(), '{ not json');
    await expect(dockerConfigCredentials(env).get('ghcr.io')).rejects.toMatchObject({ code: 'DOCKER_CONFIG_UNREADABLE', message: expect.stringContaining(configFile()) });
  });
});

describe('writeDockerConfigAuth and removeDockerConfigAuth', () => {
  test('login writes auths with mode 0600 and keeps the other keys; logout removes every spelling of the host', async () => {
    writeConfig({ currentContext: 'remote', auths: { 'https://ghcr.io': { auth: auth('old', 'old') }, 'quay.io': { auth: auth('q', 'q') } }, psFormat: 'table' });

    await writeDockerConfigAuth('ghcr.io', { username: 'ann', password: 'new' }, env);

    expect(readConfig()).toEqual({ currentContext: 'remote', auths: { 'quay.io': { auth: auth('q', 'q') }, 'ghcr.io': { auth: auth('ann', 'new') } }, psFormat: 'table' });
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    await expect(dockerConfigCredentials(env).get('ghcr.io')).resolves.toEqual({ username: 'ann', password: 'new' });

    await expect(removeDockerConfigAuth('ghcr.io', env)).resolves.toBe(true);
    expect(readConfig()).toEqual({ currentContext: 'remote', auths: { 'quay.io': { auth: auth('q', 'q') } }, psFormat: 'table' });
    await expect(removeDockerConfigAuth('ghcr.io', env)).resolves.toBe(false);
  });

  test('login to Docker Hub creates the file under the legacy key', async () => {
    await writeDockerConfigAuth('docker.io', { identityToken: 'refresh' }, env);
    expect(readConfig()).toEqual({ auths: { 'https://index.docker.io/v1/': { identitytoken: 'refresh' } } });
  });

  test('with a credential store, login and logout go through the helper and leave the file alone', async () => {
    installHelper('fake', recordingHelper);
    writeConfig({ credsStore: 'fake' });

    await writeDockerConfigAuth('registry.example', { username: 'ann', password: 'pw' }, env);
    await removeDockerConfigAuth('ghcr.io', env);

    expect(JSON.parse(readFileSync(join(root, 'bin', 'stored'), 'utf8'))).toEqual({ ServerURL: 'registry.example', Username: 'ann', Secret: 'pw' });
    expect(readFileSync(join(root, 'bin', 'erased'), 'utf8')).toBe('ghcr.io');
    expect(readConfig()).toEqual({ credsStore: 'fake' });
  });
});
