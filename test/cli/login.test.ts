import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { useRegistry } from '../harness/registry.js';
import { runBerth, type BerthRun } from '../helpers/run-berth.js';

const bin = new URL('../../bin/berth.js', import.meta.url).pathname;

describe('berth login and logout', () => {
  const registry = useRegistry({ auth: { user: 'u', password: 'right-password' } });
  let root: string;
  let env: Record<string, string>;
  let configFile: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-login-'));
    env = { DOCKER_CONFIG: join(root, 'docker'), HOME: root };
    configFile = join(root, 'docker', 'config.json');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const berth = (args: string[], input = ''): BerthRun => runBerth(args, { env, input });
  const savedAuths = (): unknown => (JSON.parse(readFileSync(configFile, 'utf8')) as { auths?: unknown }).auths;
  const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

  test('checks the password with the registry, then saves it in DOCKER_CONFIG/config.json with mode 0600', () => {
    const run = berth(['login', registry().host, '-u', 'u', '--password-stdin'], 'right-password\n');
    expect(run).toEqual({ status: 0, stdout: 'Login Succeeded\n', stderr: '' });
    expect(savedAuths()).toEqual({ [registry().host]: { auth: basic('u', 'right-password') } });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
  });

  test('a wrong password fails with exit code 1 and saves nothing', () => {
    const run = berth(['login', registry().host, '-u', 'u', '--password-stdin'], 'wrong-password\n');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`berth: login to ${registry().host} failed: `);
    expect(run.stderr).toContain('nothing was saved');
    expect(existsSync(configFile)).toBe(false);
  });

  test('logout removes the saved credentials, and a second logout finds none', () => {
    expect(berth(['login', registry().host, '-u', 'u', '--password-stdin'], 'right-password').status).toBe(0);
    expect(berth(['logout', registry().host])).toEqual({ status: 0, stdout: `Removing login credentials for ${registry().host}\n`, stderr: '' });
    expect(savedAuths()).toEqual({});
    expect(berth(['logout', registry().host])).toEqual({ status: 0, stdout: `Not logged in to ${registry().host}\n`, stderr: '' });
  });

  test('without -u and -p, saved credentials are tried first', () => {
    expect(berth(['login', registry().host, '-u', 'u', '--password-stdin'], 'right-password').status).toBe(0);
    expect(berth(['login', registry().host])).toEqual({ status: 0, stdout: 'Authenticating with existing credentials...\nLogin Succeeded\n', stderr: '' });
  });

  test('-p works but warns that it is insecure', () => {
    const run = berth(['login', registry().host, '-u', 'u', '-p', 'right-password']);
    expect(run).toEqual({ status: 0, stdout: 'Login Succeeded\n', stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n' });
  });

  test('-p together with --password-stdin is refused as bad usage', () => {
    const run = berth(['login', registry().host, '-u', 'u', '-p', 'x', '--password-stdin'], 'right-password');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('berth: --password and --password-stdin are mutually exclusive');
    expect(existsSync(configFile)).toBe(false);
  });

  test('without a terminal it does not prompt, and says how to give the password', () => {
    const run = berth(['login', registry().host, '-u', 'u']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot perform an interactive login from a non-TTY device');
    expect(run.stderr).toContain('--password-stdin');
  });

  test('on a terminal it asks for the username and the password, and does not echo the password', async () => {
    const output = await inTerminal(['login', registry().host], env, [
      ['Username: ', 'u\r'],
      ['Password: ', 'right-password\r'],
    ]);
    expect(output).toContain('Login Succeeded');
    expect(output).not.toContain('right-password');
    expect(savedAuths()).toEqual({ [registry().host]: { auth: basic('u', 'right-password') } });
  });
});

/**
 * Runs berth in a pseudo-terminal (util-linux `script`) and types each answer once its prompt has
 * appeared, so nothing is typed before the program is reading. Resolves to everything the
 * terminal showed.
 */
function inTerminal(args: string[], env: Record<string, string>, answers: Array<[prompt: string, typed: string]>): Promise<string> {
  const command = [process.execPath, bin, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let shown = '';
  let next = 0;
  let searchFrom = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    shown += chunk;
    const answer = answers[next];
    // The prompt may be followed by cursor movements (readline's), so it is looked for, not matched at the end.
    const at = answer ? shown.indexOf(answer[0], searchFrom) : -1;
    if (answer && at !== -1) {
      next += 1;
      searchFrom = at + answer[0].length;
      child.stdin.write(answer[1]);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`berth ${args.join(' ')} did not finish in a terminal; it showed:\n${shown}`));
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      if (code === 0) resolve(shown);
      else reject(new Error(`berth ${args.join(' ')} exited with ${code} in a terminal; it showed:\n${shown}`));
    });
  });
}
