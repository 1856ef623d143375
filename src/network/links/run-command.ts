import { spawn } from 'node:child_process';
import { collectStderr, type ToolExit } from '../../runtime/tools/index.js';

/** What a finished command left: how it ended, its stdout and the end of its stderr. */
export interface CommandResult {
  exit: ToolExit;
  stdout: string;
  stderr: string;
}

/** `ip -j link` on a host with thousands of links is a few MB; more than this is not iproute2's output. */
const maxStdoutBytes = 64 * 1024 * 1024;

/**
 * Runs `file` with `args` to its end, writing `input` (an `ip -batch -` script) to its stdin,
 * which is closed at once when there is none.
 * Never throws and never rejects: the caller reads the exit and decides what failed, because only
 * it knows which object the command was about. Settles on `close`, when stdout and stderr are
 * both drained.
 */
export function runCommand(file: string, args: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const stderr = collectStderr(child.stderr);
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let spawnError: NodeJS.ErrnoException | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('error', (error) => {
      spawnError = error;
    });
    // A command that exits before reading its script (it failed on the first line) closes the pipe: EPIPE is no news.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('close', (code, signal) => {
      const exit: ToolExit = spawnError ? { code: null, signal: null, spawnError } : { code, signal };
      resolve({ exit, stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr() });
    });
  });
}

/** Whether the command ran and exited 0. */
export function succeeded(result: CommandResult): boolean {
  return result.exit.code === 0 && result.exit.spawnError === undefined;
}
