import { spawn } from 'node:child_process';
import { collectStderr, type ToolExit } from './tool-exit.js';

/**
 * Runs a short command (mknod, setfattr, mount) to its end; stdout is not wanted. `cwd` is where
 * it runs, for tools given paths relative to it.
 */
export function runTool(file: string, args: string[], options: { cwd?: string } = {}): Promise<ToolExit & { stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const stderr = collectStderr(child.stderr);
    child.on('error', (spawnError) => resolve({ code: null, signal: null, spawnError, stderr: stderr() }));
    child.on('close', (code, signal) => resolve({ code, signal, stderr: stderr() }));
  });
}
