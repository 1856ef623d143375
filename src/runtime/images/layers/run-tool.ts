import { spawn } from 'node:child_process';
import { collectStderr, type ToolExit } from './stderr-tail.js';

/** Runs a short command (mknod, setfattr) to its end; stdout is not wanted. */
export function runTool(file: string, args: string[]): Promise<ToolExit & { stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const stderr = collectStderr(child.stderr);
    child.on('error', (spawnError) => resolve({ code: null, signal: null, spawnError, stderr: stderr() }));
    child.on('close', (code, signal) => resolve({ code, signal, stderr: stderr() }));
  });
}
