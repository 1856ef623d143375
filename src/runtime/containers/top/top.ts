import { execFile } from 'node:child_process';
import { BerthError } from '../../../errors/index.js';
import { containerProcesses, type ProcessTable } from './process-table.js';

/**
 * `docker top CONTAINER [ps OPTIONS]`: runs the host's ps with the options (`-ef` by default)
 * and keeps the rows of the container's processes. The options are split on spaces and passed as
 * arguments, never through a shell.
 */
export async function topProcesses(pids: readonly number[], psArgs = '-ef'): Promise<ProcessTable> {
  const args = psArgs.split(/\s+/).filter(Boolean);
  const output = await new Promise<string>((resolve, reject) => {
    execFile('ps', args, { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new BerthError({
        code: missing ? 'CONTAINER_TOP_PS_MISSING' : 'CONTAINER_TOP_PS_FAILED',
        kind: missing ? 'unavailable' : 'usage',
        message: missing ? 'ps is not installed, and `top` runs it' : `ps ${psArgs} failed: ${stderr.trim() || error.message}`,
        hint: missing ? 'install the Debian package procps' : 'give options ps accepts, such as `-ef` or `aux`',
      }));
    });
  });
  return containerProcesses(output, new Set(pids), psArgs);
}
