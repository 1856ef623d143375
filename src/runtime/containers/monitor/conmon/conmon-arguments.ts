import type { MonitorFiles } from '../monitor-files.js';
import type { RuncConfig } from '../runc/run-runc.js';

/** What conmon needs to create one container; see conmonArguments for each flag's reason. */
export interface ConmonRequest {
  id: string;
  /** A human name for conmon's own messages (`-n`); the container name when there is one. */
  name: string;
  bundle: string;
  files: MonitorFiles;
  logPath: string;
  /** conmon's `--log-size-max`: the size at which conmon itself starts the log afresh. */
  logSizeMax?: number;
  terminal: boolean;
  /** Keep a pipe to the container's stdin that attach clients write to (`-i`). */
  openStdin: boolean;
  /** Docker's StdinOnce: the first attach client that disconnects closes the container's stdin. */
  stdinOnce: boolean;
}

/**
 * conmon's command line, as podman drives it with the version 1 API:
 * - `-c`/`-u` the id (runc's container id, and conmon's own for its messages), `-b` the bundle,
 *   `-r` runc, and `--runtime-arg`s giving runc berth's `--root` and a JSON log, so a failed
 *   create reports runc's own error;
 * - `-p` runc's pid file (the container's init), `-P` conmon's own pid, `--persist-dir` where the
 *   exit code and OOM marker land;
 * - `-l k8s-file:PATH` the log conmon writes (`TIMESTAMP STREAM F|P TEXT` lines);
 * - `--full-attach` puts the attach socket in the bundle rather than behind a symlink in a shared
 *   socket directory: one less directory to clean, and clients connect relative to the bundle so
 *   the 108-byte socket path limit never bites;
 * - `-t` lets conmon receive the pseudo-terminal through runc's `--console-socket`, `-i` opens the
 *   stdin pipe, `--leave-stdin-open` keeps it open across attach clients.
 * No `--exit-command`: the engine watches the persist directory rather than being run by conmon.
 */
export function conmonArguments(runc: RuncConfig, request: ConmonRequest): string[] {
  const args = [
    '--api-version', '1',
    '-c', request.id,
    '-u', request.id,
    '-n', request.name,
    '-r', runc.runtimePath,
    '-b', request.bundle,
    '-p', request.files.containerPid,
    '-P', request.files.conmonPid,
    '--persist-dir', request.files.directory,
    '-l', `k8s-file:${request.logPath}`,
    '--full-attach',
    '--runtime-arg', '--root', '--runtime-arg', runc.root,
    '--runtime-arg', '--log', '--runtime-arg', request.files.runcCreateLog,
    '--runtime-arg', '--log-format', '--runtime-arg', 'json',
  ];
  if (request.logSizeMax !== undefined) args.push('--log-size-max', String(request.logSizeMax));
  if (request.terminal) args.push('-t');
  if (request.openStdin) args.push('-i');
  if (request.openStdin && !request.stdinOnce) args.push('--leave-stdin-open');
  return args;
}
