import { spawn } from 'node:child_process';
import type { Environment } from '../../../api/contexts/index.js';
import { BerthError } from '../../../errors/index.js';

export type HelperAction = 'get' | 'store' | 'erase';

/** A helper that does not answer within this time is killed (a helper stuck on a prompt, say). */
const helperTimeoutMs = 60_000;
const outputLimit = 1024 * 1024;

/**
 * Runs `docker-credential-<name> <action>` as the docker CLI does (docker-credential-helpers'
 * protocol): the server URL (`get`, `erase`) or a JSON record (`store`) on stdin, a JSON record
 * on stdout. Resolves to stdout, or undefined when the helper says it holds no credentials for
 * that server. The helper is found on `env.PATH`.
 */
export function runCredentialHelper(name: string, action: HelperAction, input: string, env: Environment): Promise<string | undefined> {
  const command = `docker-credential-${name}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    return Promise.reject(
      new BerthError({
        code: 'CREDENTIAL_HELPER_INVALID',
        kind: 'invalid-project',
        message: `credential helper name "${name}" in the docker config is not a plain name`,
        hint: 'credsStore and credHelpers name a helper such as "pass" or "secretservice", found on PATH as docker-credential-<name>',
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, [action], { env: { ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), helperTimeoutMs);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < outputLimit) stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < outputLimit) stderr += text;
    });
    // A helper that exits without reading stdin makes the write fail with EPIPE; its exit status tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new BerthError({
          code: error.code === 'ENOENT' ? 'CREDENTIAL_HELPER_MISSING' : 'CREDENTIAL_HELPER_FAILED',
          kind: 'unavailable',
          message: `cannot run credential helper ${command}: ${error.message}`,
          hint: `install ${command}, or remove it from credsStore or credHelpers in the docker config`,
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      // docker-credential-helpers reports a missing entry as this sentence, on stdout.
      if (/credentials not found/i.test(stdout + stderr)) return resolve(undefined);
      const said = lastLines(stderr.trim() || stdout.trim());
      reject(
        new BerthError({
          code: 'CREDENTIAL_HELPER_FAILED',
          kind: 'unavailable',
          message: `credential helper \`${command} ${action}\` ${signal ? `was killed by ${signal}` : `exited with ${code}`}${said ? `: ${said}` : ''}`,
          hint: `run \`${command} ${action}\` by hand to see what it says, or remove it from credsStore or credHelpers in the docker config`,
        }),
      );
    });
  });
}

function lastLines(text: string): string {
  return text.split('\n').slice(-3).join(' | ');
}
