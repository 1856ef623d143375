import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** Where root's PATH looks, for a daemon started with a short PATH (cron, a bare systemd unit). */
const systemDirectories = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The OCI runtime as an absolute path, as conmon needs it: a path is taken as it is, a name
 * (`runc`, the default) is looked up in PATH as dockerd looks it up.
 */
export function findRuntime(runtime: string, path: string = process.env.PATH ?? ''): string {
  if (isAbsolute(runtime)) return runtime;
  for (const directory of [...path.split(delimiter).filter((entry) => isAbsolute(entry)), ...systemDirectories]) {
    const candidate = join(directory, runtime);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new BerthError({
    code: 'DAEMON_RUNTIME_MISSING',
    kind: 'unavailable',
    message: `the OCI runtime ${runtime} is not installed (not found in PATH or ${systemDirectories.join(', ')})`,
    hint: runtime === 'runc' ? 'install it: apt-get install runc' : `install ${runtime}, or give its full path in "runtimes" of daemon.json`,
  });
}
