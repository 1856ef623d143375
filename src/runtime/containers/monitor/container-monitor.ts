import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { attachStdin, resizeTerminal, type StdinAttachment } from './attach.js';
import { isConmonOf, readPidFile } from './conmon/conmon-process.js';
import { createContainer, type ContainerHandle, type CreateContainerOptions, type CreatedContainer } from './create-container.js';
import { deleteContainer } from './delete-container.js';
import { execProcess, type ExecOptions, type ExecSession, type OciProcess } from './exec-process.js';
import { execTerminal } from './exec-terminal.js';
import { readExitStatus, type ExitStatus } from './exit-status.js';
import { containerPids } from './list-processes.js';
import { LogRotation, type LogLimits } from './logs/log-rotation.js';
import { monitorFiles } from './monitor-files.js';
import { runRunc, type RuncConfig } from './runc/run-runc.js';
import { runcFailure } from './runc/runc-errors.js';
import { runcState, type RuncState } from './runc/runc-state.js';
import { waitForExitFile } from './wait-for-exit.js';

export interface ContainerMonitorConfig {
  /** berth's run directory for this engine (`/run/berth`): runc's state lives under it. */
  runDirectory: string;
  runtimePath?: string;
  conmonPath?: string;
  socatPath?: string;
}

/** What is known of a container from disk and from runc, without any engine memory. */
export interface ContainerObservation {
  /** runc's status; undefined when runc no longer knows the container (deleted, or a reboot). */
  status: RuncState['status'] | undefined;
  pid: number | undefined;
  conmonPid: number | undefined;
  /** conmon is alive and is this container's monitor. */
  monitorAlive: boolean;
  /** Present once the container exited: recorded by conmon, with or without an engine. */
  exit: ExitStatus | undefined;
}

/**
 * Runs OCI bundles with runc under conmon, one conmon per container, so containers outlive the
 * engine: conmon holds each container's stdio, writes its log, reaps it and records its exit in
 * the monitor directory. Every operation takes a ContainerHandle, which the engine persists with
 * its container record, so an engine that restarts re-adopts its containers with `observe`.
 *
 * Lifecycle at this level: create (conmon + `runc create`) → start → pause/resume → kill → the
 * exit is recorded → delete. This layer keeps no state of its own; which transitions are legal
 * is the container record's business, and runc refuses the rest with its own words.
 */
export class ContainerMonitor {
  readonly runc: RuncConfig;
  private readonly conmonPath: string;
  private readonly socatPath: string;

  constructor(config: ContainerMonitorConfig) {
    this.runc = {
      runtimePath: config.runtimePath ?? '/usr/sbin/runc',
      root: join(config.runDirectory, 'runc'),
      logDirectory: join(config.runDirectory, 'runc-logs'),
    };
    this.conmonPath = config.conmonPath ?? '/usr/bin/conmon';
    this.socatPath = config.socatPath ?? 'socat';
    mkdirSync(this.runc.root, { recursive: true, mode: 0o700 });
    mkdirSync(this.runc.logDirectory, { recursive: true, mode: 0o700 });
  }

  create(options: CreateContainerOptions): Promise<CreatedContainer> {
    return createContainer(this.conmonPath, this.runc, options);
  }

  async start(handle: ContainerHandle): Promise<void> {
    await this.runcCommand('start', handle.id, ['start', handle.id]);
  }

  /** Signals the container's init, or with `all` every process in it (`runc kill --all`). */
  async kill(handle: ContainerHandle, signal: NodeJS.Signals | number, options: { all?: boolean } = {}): Promise<void> {
    const args = ['kill', ...(options.all ? ['--all'] : []), handle.id, String(signal)];
    await this.runcCommand('kill', handle.id, args);
  }

  async pause(handle: ContainerHandle): Promise<void> {
    await this.runcCommand('pause', handle.id, ['pause', handle.id]);
  }

  async resume(handle: ContainerHandle): Promise<void> {
    await this.runcCommand('resume', handle.id, ['resume', handle.id]);
  }

  /** Removes the container from runc and conmon's files; `force` kills a running one first. */
  delete(handle: ContainerHandle, options: { force?: boolean } = {}): Promise<void> {
    return deleteContainer(this.runc, handle, options.force ?? false);
  }

  /** The recorded exit, or undefined while the container has not exited. */
  exitStatus(handle: ContainerHandle): ExitStatus | undefined {
    return readExitStatus(monitorFiles(handle.monitorDirectory));
  }

  /** Resolves when the container exits (at once if it already has). */
  waitForExit(handle: ContainerHandle, options: { signal?: AbortSignal } = {}): Promise<ExitStatus> {
    const files = monitorFiles(handle.monitorDirectory);
    return waitForExitFile(handle.id, files, { monitorAlive: () => this.monitorAlive(handle), signal: options.signal });
  }

  /** Everything needed to re-adopt the container after an engine restart. */
  async observe(handle: ContainerHandle): Promise<ContainerObservation> {
    const files = monitorFiles(handle.monitorDirectory);
    const state = await runcState(this.runc, handle.id);
    const conmonPid = readPidFile(files.conmonPid);
    return {
      status: state?.status,
      pid: state && state.pid > 0 ? state.pid : readPidFile(files.containerPid),
      conmonPid,
      monitorAlive: conmonPid !== undefined && isConmonOf(conmonPid, files.directory),
      exit: readExitStatus(files),
    };
  }

  /** An extra process in the running container: under runc directly, or under conmon when it has a terminal. */
  exec(handle: ContainerHandle, processSpec: OciProcess, options?: ExecOptions): ExecSession {
    if (processSpec.terminal) return execTerminal({ conmonPath: this.conmonPath, socatPath: this.socatPath, runc: this.runc }, handle, processSpec, options);
    return execProcess(this.runc, handle, processSpec, options);
  }

  /** The host PIDs of the container's processes, for `top`. */
  pids(handle: ContainerHandle): Promise<number[]> {
    return containerPids(this.runc, handle);
  }

  attachStdin(handle: ContainerHandle): StdinAttachment {
    return attachStdin(handle, this.socatPath);
  }

  resizeTerminal(handle: ContainerHandle, rows: number, columns: number): boolean {
    return resizeTerminal(handle, rows, columns);
  }

  /** The rotation of a running container's log; the engine calls `watch()` and `close()` on exit. */
  logRotation(handle: ContainerHandle, limits: LogLimits, onError?: (error: unknown) => void): LogRotation {
    return new LogRotation(handle.logPath, limits, onError);
  }

  private monitorAlive(handle: ContainerHandle): boolean {
    const files = monitorFiles(handle.monitorDirectory);
    const pid = readPidFile(files.conmonPid);
    return pid !== undefined && isConmonOf(pid, files.directory);
  }

  private async runcCommand(operation: string, id: string, args: string[]): Promise<void> {
    const result = await runRunc(this.runc, args);
    if (result.code !== 0) throw runcFailure(operation, id, result);
  }
}
