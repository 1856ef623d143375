import { BerthError, usageError } from '../../errors/index.js';
import { dockerConfigCredentials, fixedCredentials, RegistryClient, registryHost, writeDockerConfigAuth, type Credentials } from '../../runtime/images/index.js';
import { promptLine, promptSecret } from './login-prompt.js';
import type { LoginCommandOptions } from './login.js';
import { dockerHubServer, registryServerHost } from './registry-server.js';

/**
 * `berth login`, as `docker login`: the credentials are checked against the registry before
 * they are saved where the docker CLI keeps them (a credential helper when config.json names one,
 * else its `auths`), so `docker` and `berth` share one login. Without `-u` and `-p`, credentials
 * already saved are tried first; then the username and password are asked on the terminal.
 */
export async function runLogin(server: string | undefined, options: LoginCommandOptions): Promise<void> {
  if (options.password !== undefined) {
    process.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    if (options.passwordStdin) throw usageError('--password and --password-stdin are mutually exclusive', 'give the password one way; --password-stdin reads it from standard input');
  }
  let password = options.password;
  if (options.passwordStdin) {
    if (options.username === undefined || options.username.trim() === '') {
      throw usageError('--password-stdin needs --username', 'give the username with -u, as in: berth login -u USER --password-stdin < password.txt');
    }
    password = withoutLineEnd(await readStandardInput());
  }
  const host = registryServerHost(server);

  let saved: Credentials | undefined;
  if (options.username === undefined && password === undefined) {
    saved = await savedCredentials(host);
    if (saved !== undefined && (await loginWithSaved(host, saved))) return;
  }
  const credentials = await askMissing(host, options.username, password, saved);
  await verify(host, credentials);
  await writeDockerConfigAuth(host, credentials);
  process.stdout.write('Login Succeeded\n');
}

/** What config.json already holds for the host; a broken helper or file is reported, and the login goes on by asking. */
async function savedCredentials(host: string): Promise<Credentials | undefined> {
  try {
    return await dockerConfigCredentials().get(registryHost(host));
  } catch (error) {
    process.stderr.write(`Cannot read the saved credentials: ${error instanceof BerthError ? error.describe() : String(error)}\n`);
    return undefined;
  }
}

async function loginWithSaved(host: string, saved: Credentials): Promise<boolean> {
  process.stdout.write('Authenticating with existing credentials...\n');
  try {
    await verify(host, saved);
  } catch (error) {
    const refused = error instanceof BerthError && error.code === 'LOGIN_FAILED';
    process.stderr.write(refused ? 'Stored credentials invalid or expired\n' : `Login did not succeed, error: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
  process.stdout.write('Login Succeeded\n');
  return true;
}

/** The username and password given, asking on the terminal for what is missing (the password without echo). */
async function askMissing(host: string, username: string | undefined, password: string | undefined, saved: Credentials | undefined): Promise<Credentials> {
  let user = username?.trim() ?? '';
  let secret = password ?? '';
  if (secret === '' && !process.stdin.isTTY) {
    throw usageError(
      'cannot perform an interactive login from a non-TTY device',
      'give the username with -u and the password on standard input with --password-stdin',
    );
  }
  if (user === '') {
    if (host === 'docker.io') process.stdout.write("Log in with your Docker ID to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com to create one.\n");
    const previous = saved !== undefined && 'username' in saved ? saved.username : undefined;
    user = (await promptLine(previous === undefined ? 'Username: ' : `Username (${previous}): `)).trim() || (previous ?? '');
    if (user === '') throw usageError('a username is required to log in');
  }
  if (secret === '') {
    secret = await promptSecret('Password: ');
    if (secret === '') throw usageError('a password is required to log in');
  }
  return { username: user, password: secret };
}

/** Asks the registry whether it takes the credentials; a refusal becomes LOGIN_FAILED. */
async function verify(host: string, credentials: Credentials): Promise<void> {
  try {
    await new RegistryClient(registryHost(host), { credentials: fixedCredentials(credentials) }).verifyLogin();
  } catch (error) {
    if (!(error instanceof BerthError) || (error.code !== 'REGISTRY_UNAUTHORIZED' && error.code !== 'REGISTRY_DENIED')) throw error;
    throw new BerthError({
      code: 'LOGIN_FAILED',
      kind: 'unavailable',
      message: `login to ${host === 'docker.io' ? dockerHubServer : host} failed: ${error.message}`,
      hint: 'check the username and password (a registry with two-factor authentication takes an access token as the password); nothing was saved',
      cause: error,
    });
  }
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** As the docker CLI: one trailing newline (and a carriage return before it) is not part of the password. */
function withoutLineEnd(text: string): string {
  return text.replace(/\n$/, '').replace(/\r$/, '');
}
