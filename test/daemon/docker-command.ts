import { spawn } from 'node:child_process';

export interface DockerResult {
  stdout: string;
  stderr: string;
  /** The CLI's exit code; -1 when it was killed (a timeout, or stop()). */
  exitCode: number;
}

/** A docker command left running (`logs -f`, `events`, `wait`): its output so far, and its end. */
export interface RunningDocker {
  stdout(): string;
  stderr(): string;
  /** Settles when the CLI exits, with what it printed. */
  finished: Promise<DockerResult>;
  /** Resolves once stdout holds `text`; fails with the output so far if the CLI exits first or `timeoutMs` passes. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Kills the CLI (SIGKILL) if it still runs. */
  stop(): void;
}

export interface DockerCommandOptions {
  /** Written to the CLI's stdin, which is then closed; without it stdin is closed at once. */
  input?: string | Buffer;
  /** The CLI is killed after this long; 60 s by default. */
  timeoutMs?: number;
}

/**
 * The machine's docker CLI (/usr/local/bin/docker, 28.x) against one engine socket, with a config
 * directory of its own (no contexts or credentials from the machine) and no hints on stderr.
 */
export function startDocker(socketPath: string, configDirectory: string, args: readonly string[], options: DockerCommandOptions = {}): RunningDocker {
  const child = spawn('docker', ['-H', `unix://${socketPath}`, ...args], {
    env: { ...process.env, DOCKER_CONFIG: configDirectory, DOCKER_CLI_HINTS: 'false' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (piece: string) => {
    stdout += piece;
    for (const watcher of [...watchers]) watcher();
  });
  child.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr += piece));
  // The CLI may exit before it reads all of its input (a container that ignores stdin).
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  let exited = false;
  const finished = new Promise<DockerResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      exited = true;
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
      for (const watcher of [...watchers]) watcher();
    });
  });

  return {
    stdout: () => stdout,
    stderr: () => stderr,
    finished,
    waitForOutput(text, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (stdout.includes(text)) return done(() => resolve());
          if (exited) done(() => reject(new Error(`docker ${args.join(' ')} exited before printing ${JSON.stringify(text)}; stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`)));
        };
        const deadline = setTimeout(
          () => done(() => reject(new Error(`docker ${args.join(' ')} did not print ${JSON.stringify(text)} within ${timeoutMs} ms; stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`))),
          timeoutMs,
        );
        const done = (settle: () => void): void => {
          clearTimeout(deadline);
          watchers.delete(check);
          settle();
        };
        watchers.add(check);
        check();
      });
    },
    stop: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
