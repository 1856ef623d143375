import { mkdirSync, rmSync } from 'node:fs';
import { BerthError } from '../../../errors/index.js';
import { conmonArguments, type ConmonRequest } from './conmon/conmon-arguments.js';
import { readPidFile } from './conmon/conmon-process.js';
import { launchConmon, type ConmonLaunchResult } from './conmon/launch-conmon.js';
import { conmonLogSizeMax, LogRotation, type LogLimits } from './logs/log-rotation.js';
import { bundleMonitorFiles, monitorFiles } from './monitor-files.js';
import { takeRuncError, type RuncConfig } from './runc/run-runc.js';
import { runRunc } from './runc/run-runc.js';

/** One container to create: an OCI bundle, and where its monitor and log live. */
export interface CreateContainerOptions {
  /** runc's container id (berth's 64-hex container id). */
  id: string;
  /** Shown in conmon's own messages; the container's name when it has one. */
  name?: string;
  /** The OCI bundle: config.json and the root filesystem. */
  bundle: string;
  /** The monitor's own directory (conmon's --persist-dir), created here, removed by delete. */
  monitorDirectory: string;
  /** The container's log (k8s-file format); rotated files sit beside it as PATH.1 ... */
  logPath: string;
  logLimits?: LogLimits;
  /** The spec's process.terminal must say the same: conmon then receives the pseudo-terminal. */
  terminal?: boolean;
  /** Docker's OpenStdin: a stdin pipe that attach clients write to. */
  openStdin?: boolean;
  /** Docker's StdinOnce: the first attach client to leave closes the container's stdin. */
  stdinOnce?: boolean;
}

/**
 * What the engine keeps to find a monitored container again, in this process or after a
 * restart: everything else (PIDs, exit status) is read back from the monitor directory.
 */
export interface ContainerHandle {
  id: string;
  bundle: string;
  monitorDirectory: string;
  logPath: string;
}

export interface CreatedContainer extends ContainerHandle {
  /** The container's init as the host sees it. */
  pid: number;
  conmonPid: number;
}

/**
 * Starts conmon, which runs `runc create` and stays as the container's parent: it holds the
 * container's stdio for its life, writes the log, reaps it and records its exit. The container
 * is left created, not started (runc waits on its exec FIFO), so a client can attach first.
 */
export async function createContainer(conmonPath: string, runc: RuncConfig, options: CreateContainerOptions): Promise<CreatedContainer> {
  if (options.logPath.includes(':')) {
    throw new BerthError({
      code: 'LOG_PATH_INVALID',
      kind: 'internal',
      message: `cannot create container ${options.id}: its log path ${options.logPath} holds a ':', which conmon reads as a log driver separator`,
      hint: 'keep berth\'s state directory on a path without colons',
    });
  }
  const files = monitorFiles(options.monitorDirectory);
  mkdirSync(files.directory, { recursive: true, mode: 0o700 });
  // A restarted container reuses its directory: an exit left from the last run would read as this one's.
  for (const stale of [files.exit, files.oom, files.containerPid, files.conmonPid, files.runcCreateLog]) rmSync(stale, { force: true });
  const limits = options.logLimits ?? {};
  LogRotation.prepare(options.logPath, limits);
  const request: ConmonRequest = {
    id: options.id,
    name: options.name ?? options.id,
    bundle: options.bundle,
    files,
    logPath: options.logPath,
    logSizeMax: conmonLogSizeMax(limits),
    terminal: options.terminal ?? false,
    openStdin: options.openStdin ?? false,
    stdinOnce: options.stdinOnce ?? false,
  };
  const launched = await launchConmon(conmonPath, conmonArguments(runc, request), files.directory);
  const pid = launched.message?.data;
  const conmonPid = readPidFile(files.conmonPid);
  if (pid === undefined || pid <= 0 || conmonPid === undefined) {
    const error = createFailure(options.id, launched, takeRuncError(files.runcCreateLog, launched.message?.message ?? ''));
    await discardFailedCreate(runc, options);
    throw error;
  }
  return { id: options.id, bundle: options.bundle, monitorDirectory: options.monitorDirectory, logPath: options.logPath, pid, conmonPid };
}

function createFailure(id: string, launched: ConmonLaunchResult, runcError: string | undefined): BerthError {
  if (launched.exit.spawnError?.code === 'ENOENT') {
    return new BerthError({
      code: 'CONMON_MISSING',
      kind: 'unavailable',
      message: `cannot create container ${id}: conmon, the container monitor, is not installed`,
      hint: "install Debian's conmon (`apt-get install conmon`)",
      cause: launched.exit.spawnError,
    });
  }
  const conmonSaid = launched.stderr.trim().split('\n').filter(Boolean).at(-1);
  const reason = runcError ?? conmonSaid ?? `conmon exited with ${launched.exit.code ?? launched.exit.signal} before reporting`;
  return new BerthError({
    code: 'CONTAINER_CREATE_FAILED',
    kind: 'internal',
    message: `cannot create container ${id}: ${reason}`,
    hint: /no such file or directory/.test(reason) && /exec/.test(reason) ? "check the command: the executable is not in the container's filesystem or PATH" : undefined,
  });
}

/** runc removes a container whose create failed; this makes sure, and drops conmon's files. */
async function discardFailedCreate(runc: RuncConfig, options: CreateContainerOptions): Promise<void> {
  await runRunc(runc, ['delete', '--force', options.id]);
  rmSync(options.monitorDirectory, { recursive: true, force: true });
  for (const path of Object.values(bundleMonitorFiles(options.bundle))) rmSync(path, { force: true });
}
