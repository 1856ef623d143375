import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { ContainerCreateRequest, ContainerCreateResponse, ContainerInspect, ContainerPathStat, ContainerSummary, ContainerTopResponse, ContainerWaitResponse, WaitCondition } from '../../../api/types/containers.js';
import type { EndpointSettings } from '../../../api/types/networks.js';
import { BerthError } from '../../../errors/index.js';
import type { ImageUser } from '../../images/index.js';
import { VolumeStore, type VolumeUsers } from '../../volumes/index.js';
import { archivePath, extractArchive, holdWhileRead, statPath, withContainerTree, type ContainerTree, type ExtractOptions, type PathArchive } from '../archive/index.js';
import { ContainerMonitor, readLogs, runExec, type ContainerHandle, type ExecOptions, type ExecResult, type ExecSession, type ExitStatus, type LogMessage, type ReadLogsOptions } from '../monitor/index.js';
import * as transitions from '../records/index.js';
import { ContainerRecords, signalNumber, type ContainerRecord, type ListOptions } from '../records/index.js';
import { removeRootfs } from '../rootfs/index.js';
import { defaultSeccompProfilePath, loadSeccompProfile, readHostFacts, type HostFacts, type SeccompProfile } from '../spec/index.js';
import { decideRestart, healthSchedule, HealthMonitor, initialHealth, restartsWithEngine, type HealthState } from '../supervision/index.js';
import { topProcesses } from '../top/index.js';
import { attachContainer, type AttachedOutput, type AttachOptions } from './attach.js';
import { createContainer } from './create-container.js';
import type { ContainerEngineOptions, ContainerEvent, RemoveOptions } from './engine-options.js';
import { execProcessSpec, type ExecRequest } from './exec-spec.js';
import { imageForContainer } from './image-of.js';
import { inspectShape, summaryShape } from './inspect.js';
import { settleInterruptedStart } from './interrupted-start.js';
import { containerHandle, containerLayout, type ContainerLayout } from './layout.js';
import { withLogDefaults } from './log-defaults.js';
import { connectNetwork, disconnectNetwork, joinNetworks, networkedContainer, sharedWith, type JoinContext } from './networking.js';
import { releaseRun, runContainer, runningSpec, type RunContext } from './run-container.js';
import { Supervision } from './supervision.js';

/** Docker's default stop timeout, in seconds. */
const defaultStopTimeout = 10;

/**
 * Docker's container lifecycle over berth's pieces: records and their transitions (records/),
 * the root filesystem (rootfs/), the OCI spec (spec/), runc under conmon (monitor/), restart
 * policies and health checks (supervision/). The daemon's HTTP handlers are thin adapters over
 * these methods, which take Docker's shapes and fail with Docker's texts.
 *
 * Concurrency: requests on one container (create aside) run one after another; `kill`, `exec`,
 * `logs`, `top`, `inspect` and `list` do not wait for them, so a `kill` can end a long `stop`.
 * Each running container has a Supervision: its exit watcher, log rotation and health monitor.
 *
 * Images: a container reads its image's layers at every start, so the image must outlive it.
 * The rule is lease-free: the image operations ask the engine (`imageUser`, given to removeImage
 * as `inUse`) and keep any image a container uses under its id, so garbage collection, which
 * keeps what image records reach, keeps its layers.
 */
export class ContainerEngine {
  private readonly runs = new Map<string, Supervision>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  /** The restart back-off's last delay per container; a manual start forgets it, as Docker does. */
  private readonly restartDelays = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(event: ContainerEvent) => void>();
  private readonly run: RunContext;
  private closed = false;

  private constructor(
    private readonly options: ContainerEngineOptions,
    readonly records: ContainerRecords,
    readonly volumes: VolumeStore,
    readonly monitor: ContainerMonitor,
  ) {
    let host: Promise<HostFacts> | undefined;
    let seccomp: Promise<SeccompProfile> | undefined;
    this.run = {
      images: options.images,
      monitor,
      cgroupParent: options.cgroupParent ?? 'berth',
      host: () => (host ??= readHostFacts()),
      seccompProfile: () => (seccomp ??= loadSeccompProfile(options.seccompProfilePath ?? defaultSeccompProfilePath)),
      ...(options.initBinary ? { initBinary: options.initBinary } : {}),
      ...(options.hostResolvConf ? { hostResolvConf: options.hostResolvConf } : {}),
    };
  }

  /**
   * Opens the engine on its state directory and takes up where the last engine process left:
   * running containers are re-adopted (their monitors kept them going), exits that happened
   * meanwhile are recorded and their restart policies applied, `always` and `unless-stopped`
   * containers are started again as Docker's daemon does at its start, and removals left halfway
   * are finished, as are creates and starts (see recover).
   */
  static async open(options: ContainerEngineOptions): Promise<ContainerEngine> {
    const records = ContainerRecords.open(options.stateDirectory);
    const volumes = options.volumes ?? (await VolumeStore.open(options.stateDirectory));
    const monitor = new ContainerMonitor({
      runDirectory: options.runDirectory,
      ...(options.runtimePath ? { runtimePath: options.runtimePath } : {}),
      ...(options.conmonPath ? { conmonPath: options.conmonPath } : {}),
    });
    const engine = new ContainerEngine(options, records, volumes, monitor);
    await engine.recover();
    return engine;
  }

  /** Stops watching the containers (they go on under their monitors) and cancels pending restarts. */
  close(): void {
    this.closed = true;
    for (const run of this.runs.values()) run.detach();
    this.runs.clear();
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
    this.restartTimers.clear();
  }

  /** Every event of every container until the returned function is called. */
  subscribe(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async create(request: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse> {
    const defaults = this.options.defaultLogConfig;
    if (defaults) request = { ...request, HostConfig: { ...request.HostConfig, LogConfig: withLogDefaults(request.HostConfig?.LogConfig, defaults) } };
    const { record, warnings } = await createContainer(
      {
        records: this.records,
        images: this.options.images,
        volumes: this.volumes,
        runDirectory: this.options.runDirectory,
        ...(this.options.hostResolvConf ? { hostResolvConf: this.options.hostResolvConf } : {}),
        ...(this.options.networks ? { networks: this.options.networks } : {}),
      },
      request,
      name,
    );
    this.emit({ action: 'create', id: record.Id });
    return { Id: record.Id, Warnings: warnings };
  }

  /** `docker start`: `changed: false` is Docker's 304, the container already running. */
  start(reference: string): Promise<{ changed: boolean }> {
    return this.serial(reference, (id) => this.startNow(id));
  }

  /** `docker stop`: the stop signal, then SIGKILL after `timeoutSeconds` (Config.StopTimeout, else 10; -1 waits for ever). */
  stop(reference: string, timeoutSeconds?: number): Promise<{ changed: boolean }> {
    return this.serial(reference, (id) => this.stopNow(id, timeoutSeconds));
  }

  /** `docker kill`: SIGKILL unless told; a container that is not running is an error, as in Docker. */
  async kill(reference: string, signal: string = 'SIGKILL'): Promise<void> {
    const number = signalNumber(signal);
    if (number === undefined) {
      throw new BerthError({ code: 'SIGNAL_INVALID', kind: 'usage', message: `Invalid signal: ${signal}`, hint: 'give a signal name (SIGTERM, HUP) or number (15)' });
    }
    const record = this.records.find(reference);
    const next = transitions.kill(record);
    this.records.update(record.Id, () => next.lifecycle);
    const run = this.runs.get(record.Id);
    if (!run) {
      // A restarting container has no process: the pending restart is all there is to cancel.
      this.emit({ action: 'kill', id: record.Id, signal: number });
      this.cancelRestart(record.Id);
      return;
    }
    await this.signal(run, number);
    // Docker answers a SIGKILL only once the container has stopped, so a client's next look sees it exited.
    if (number === 9) await run.done;
  }

  /** `docker restart`: a stop (with its timeout) if it runs, then a start. */
  restart(reference: string, timeoutSeconds?: number): Promise<void> {
    return this.serial(reference, async (id) => {
      transitions.restart(this.records.find(id));
      await this.stopNow(id, timeoutSeconds);
      await this.startNow(id);
      this.emit({ action: 'restart', id });
    });
  }

  pause(reference: string): Promise<void> {
    return this.serial(reference, async (id) => {
      const next = transitions.pause(this.records.find(id));
      await this.monitor.pause(this.handle(this.records.find(id)));
      this.records.update(id, () => next.lifecycle);
      this.emit({ action: 'pause', id });
    });
  }

  unpause(reference: string): Promise<void> {
    return this.serial(reference, async (id) => {
      const next = transitions.unpause(this.records.find(id));
      await this.monitor.resume(this.handle(this.records.find(id)));
      this.records.update(id, () => next.lifecycle);
      this.emit({ action: 'unpause', id });
    });
  }

  /**
   * `docker wait`: `not-running` answers at once for a container that is not running, else at
   * the exit that leaves it stopped (not one its policy restarts); `next-exit` at the next exit;
   * `removed` once it is removed. The status is the exit code.
   */
  wait(reference: string, condition: WaitCondition = 'not-running', signal?: AbortSignal): Promise<ContainerWaitResponse> {
    const record = this.records.find(reference);
    if (condition === 'not-running' && !record.State.Running) return Promise.resolve({ StatusCode: record.State.ExitCode, Error: null });
    return new Promise((resolve, reject) => {
      const done = (response: ContainerWaitResponse): void => {
        unsubscribe();
        signal?.removeEventListener('abort', aborted);
        resolve(response);
      };
      const aborted = (): void => {
        unsubscribe();
        reject(signal?.reason ?? new Error('aborted'));
      };
      const unsubscribe = this.subscribe((event) => {
        if (event.id !== record.Id) return;
        const code = event.exitCode ?? 0;
        if (event.action === 'destroy') return done({ StatusCode: code, Error: null });
        if (event.action !== 'die' || condition === 'removed') return;
        if (condition === 'next-exit') return done({ StatusCode: code, Error: null });
        const now = this.records.list({ all: true }).find((candidate) => candidate.Id === record.Id);
        if (!now || !now.State.Running) done({ StatusCode: code, Error: null });
      });
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /**
   * `docker rm`: a running container needs `force` (then it is killed first); the runc state,
   * the root filesystem, the record and its directory (with the log) go, and with `volumes` its
   * anonymous volumes unless another container uses them.
   */
  remove(reference: string, options: RemoveOptions = {}): Promise<void> {
    return this.serial(reference, async (id) => {
      const next = transitions.remove(this.records.find(id), { force: options.force ?? false });
      this.records.update(id, () => next.lifecycle);
      try {
        this.cancelRestart(id);
        const run = this.runs.get(id);
        if (run) {
          await this.signal(run, 9);
          await run.done;
        }
        await this.finishRemoval(id, options.volumes ?? false);
      } catch (error) {
        if (this.exists(id)) this.records.apply(id, (record) => transitions.removalFailed(record, { dead: true }));
        throw error;
      }
    });
  }

  /** `docker network connect`: see connectNetwork. */
  connectNetwork(reference: string, network: string, settings: EndpointSettings = {}): Promise<void> {
    return this.serial(reference, (id) => connectNetwork(this.joinContext(), this.records.find(id), network, settings));
  }

  /** `docker network disconnect`: see disconnectNetwork. */
  disconnectNetwork(reference: string, network: string): Promise<void> {
    return this.serial(reference, (id) => disconnectNetwork(this.joinContext(), this.records.find(id), network));
  }

  /** `docker logs`; `follow` ends with the container's exit. */
  logs(reference: string, options: Omit<ReadLogsOptions, 'followUntil'> = {}): AsyncGenerator<LogMessage> {
    const record = this.records.find(reference);
    const run = this.runs.get(record.Id);
    return readLogs(record.LogPath, { ...options, ...(options.follow ? { followUntil: run?.done ?? Promise.resolve() } : {}) });
  }

  /** `docker exec` to its end: the process is made like the container's (see execProcessSpec). */
  async exec(reference: string, request: ExecRequest, options: { signal?: AbortSignal } = {}): Promise<ExecResult> {
    const record = this.records.find(reference);
    checkRunning(record, 'exec');
    const layout = this.layout(record.Id);
    const process = await execProcessSpec(await runningSpec(layout), request);
    return runExec(this.monitor.exec(this.handle(record), process), options.signal ? { signal: options.signal } : {});
  }

  /**
   * `docker exec` streamed (the API's exec start): the process's stdio for the caller to relay,
   * with a terminal when the request has Tty, made as `exec` makes it.
   */
  async startExec(reference: string, request: ExecRequest, options: ExecOptions = {}): Promise<ExecSession> {
    const record = this.records.find(reference);
    checkRunning(record, 'exec');
    const process = await execProcessSpec(await runningSpec(this.layout(record.Id)), request);
    return this.monitor.exec(this.handle(record), process, options);
  }

  /** `docker attach`: see attachContainer; a container not running yet is waited for, as `docker run` needs. */
  attach(reference: string, options: AttachOptions): AsyncGenerator<AttachedOutput> {
    const record = this.records.find(reference);
    const current = (id: string): ContainerRecord | undefined => (this.exists(id) ? this.records.find(id) : undefined);
    return attachContainer({ monitor: this.monitor, subscribe: (listener) => this.subscribe(listener), current, handle: (found) => this.handle(found) }, record, options);
  }

  /** `docker top`: the host's ps narrowed to the container's processes. */
  async top(reference: string, psArgs?: string): Promise<ContainerTopResponse> {
    const record = this.records.find(reference);
    if (!record.State.Running || record.State.Restarting) throw notRunning(record);
    const table = await topProcesses(await this.monitor.pids(this.handle(record)), psArgs);
    return { Titles: table.Titles, Processes: table.Processes };
  }

  inspect(reference: string): ContainerInspect {
    const record = this.records.find(reference);
    return inspectShape(record, this.options.networks?.attachment(record.Id));
  }

  list(options: ListOptions = {}): ContainerSummary[] {
    const now = new Date();
    return this.records.list(options).map((record) => summaryShape(record, now, this.options.networks?.attachment(record.Id)));
  }

  /** Which containers use each volume, for the volume store's remove and prune. */
  volumeUsers(except?: string): VolumeUsers {
    const users = new Map<string, string[]>();
    for (const record of this.records.list({ all: true })) {
      if (record.Id === except) continue;
      for (const mount of record.Mounts) if (mount.Type === 'volume' && mount.Name) users.set(mount.Name, [...(users.get(mount.Name) ?? []), record.Id]);
    }
    return users;
  }

  /** A container using the image, for removeImage's `inUse`: a running one first, as Docker reports it. */
  imageUser(imageId: string): ImageUser | undefined {
    const users = this.records.list({ all: true }).filter((record) => record.Image === imageId);
    const user = users.find((record) => record.State.Running) ?? users[0];
    return user ? { container: user.Id.slice(0, 12), running: user.State.Running } : undefined;
  }

  /**
   * `HEAD /containers/{id}/archive`: the stat of `path` in the container, its mounts included.
   * `reference` names the container in Docker's not-found text, as the client named it.
   */
  archiveStat(reference: string, path: string): Promise<ContainerPathStat> {
    return this.inContainerTree(reference, (tree) => statPath(tree, path, reference));
  }

  /**
   * `GET /containers/{id}/archive`: a tar of `path` and its stat. The container is held (no
   * start, stop or removal runs) until the tar is read to its end or destroyed, which the caller
   * must do.
   */
  getArchive(reference: string, path: string): Promise<PathArchive> {
    return holdWhileRead((work) => this.inContainerTree(reference, work), (tree) => archivePath(tree, path, reference));
  }

  /** `PUT /containers/{id}/archive`: unpacks the tar `input` into the directory `path` in the container. */
  putArchive(reference: string, path: string, input: Readable, options: ExtractOptions = {}): Promise<void> {
    return this.inContainerTree(reference, (tree) => extractArchive(tree, path, input, options, reference));
  }

  /** Runs an archive operation in the container's queue, its root mounted for the work when no run holds it. */
  private inContainerTree<T>(reference: string, work: (tree: ContainerTree) => Promise<T>): Promise<T> {
    return this.serial(reference, (id) => {
      const record = this.records.find(id);
      const layers = async (): Promise<readonly string[]> => (await imageForContainer(this.options.images, record.Image, record.Config.Image)).layers;
      return withContainerTree({ record, rootfsDirectory: this.layout(id).rootfs, layers, running: () => this.runs.has(id) }, work);
    });
  }

  private async startNow(id: string): Promise<{ changed: boolean }> {
    const record = this.records.find(id);
    const healthcheck = healthSchedule(record.Config.Healthcheck, undefined) !== undefined;
    const at = new Date();
    // Checked before anything runs: a paused or removing container gives Docker's text here.
    if (!transitions.start(record, { pid: 0, at, healthcheck }).changed) return { changed: false };
    this.restartDelays.delete(id);
    const created = await this.launch(record, (current, failure) => transitions.startFailed(current, failure)).catch((error: unknown) => {
      // As dockerd, a failed start removes an AutoRemove container: `docker run --rm` waits for that removal.
      if (record.HostConfig.AutoRemove) this.remove(id, { force: true, volumes: true }).catch((cleanup: unknown) => this.failed(cleanup, id));
      throw error;
    });
    this.records.apply(id, (current) => transitions.start({ ...current, RestartCount: 0 }, { pid: created.pid, at, healthcheck }));
    this.supervise(this.records.find(id), created, at);
    this.emit({ action: 'start', id });
    return { changed: true };
  }

  /** The restart policy's start of a container it put in `restarting`. */
  private async restartByPolicy(id: string): Promise<void> {
    this.restartTimers.delete(id);
    const record = this.exists(id) ? this.records.find(id) : undefined;
    if (!record || !record.State.Restarting || this.closed) return;
    const at = new Date();
    const healthcheck = healthSchedule(record.Config.Healthcheck, undefined) !== undefined;
    const created = await this.launch(record, (current, failure) => transitions.startFailed(current, failure));
    this.records.apply(id, (current) => transitions.restartedByPolicy(current, { pid: created.pid, at, healthcheck }));
    this.supervise(this.records.find(id), created, at);
    this.emit({ action: 'start', id });
  }

  /**
   * Puts the container on its networks and runs it; a failure takes it off them again, is recorded
   * on it as Docker records a failed start (`network x not found` included), and thrown.
   */
  private async launch(record: ContainerRecord, failed: (record: ContainerRecord, failure: { error: string; exitCode: number }) => transitions.Transition<ContainerRecord>) {
    try {
      const network = await joinNetworks(this.joinContext(), record);
      try {
        return await runContainer(this.run, this.records.find(record.Id), this.layout(record.Id), network);
      } catch (error) {
        await this.options.networks?.detach(record.Id).catch((cleanup: unknown) => this.failed(cleanup, record.Id));
        throw error;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exitCode = /no such file or directory|executable file not found/.test(message) ? 127 : /permission denied/.test(message) ? 126 : 128;
      this.records.apply(record.Id, (current) => failed(current, { error: message, exitCode }));
      throw error;
    }
  }

  private async stopNow(id: string, timeoutSeconds?: number): Promise<{ changed: boolean }> {
    const record = this.records.find(id);
    const next = transitions.stop(record);
    if (!next.changed) return { changed: false };
    this.records.update(id, () => next.lifecycle);
    const run = this.runs.get(id);
    if (!run) {
      this.cancelRestart(id);
      this.emit({ action: 'stop', id });
      return { changed: true };
    }
    const stopSignal = signalNumber(record.Config.StopSignal || 'SIGTERM') ?? 15;
    const seconds = timeoutSeconds ?? record.Config.StopTimeout ?? defaultStopTimeout;
    let exited = false;
    if (stopSignal !== 9 && seconds !== 0) {
      await this.signal(run, stopSignal);
      const timer = new AbortController();
      const grace = seconds < 0 ? new Promise<void>(() => undefined) : sleep(seconds * 1000, undefined, { signal: timer.signal }).catch(() => undefined);
      exited = await Promise.race([run.done.then(() => true), grace.then(() => false)]);
      timer.abort();
    }
    if (!exited) {
      await this.signal(run, 9);
      await run.done;
    }
    this.emit({ action: 'stop', id });
    return { changed: true };
  }

  /**
   * Sends a signal to the container's process, told as a `kill` event (dockerd tells a kill's, a
   * stop's and a forced removal's). A paused container is thawed so that the signal is acted on; a
   * process already gone is not an error.
   */
  private async signal(run: Supervision, signal: number): Promise<void> {
    this.emit({ action: 'kill', id: run.handle.id, signal });
    try {
      await this.monitor.kill(run.handle, signal);
    } catch (error) {
      if (run.exited) return;
      throw error;
    }
    if (this.exists(run.handle.id) && this.records.find(run.handle.id).State.Paused) await this.monitor.resume(run.handle).catch(() => undefined);
  }

  /** Watches a running container: its exit, its log's rotation, its health. */
  private supervise(record: ContainerRecord, handle: ContainerHandle, startedAt: Date): void {
    const run = new Supervision(this.monitor, record, handle, (error) => this.failed(error, record.Id));
    this.runs.set(record.Id, run);
    run.watchExit((exit) => this.recordExit(record.Id, handle, startedAt, exit));
    const schedule = healthSchedule(record.Config.Healthcheck, undefined);
    if (schedule) {
      const recorded = record.State.Health;
      const health: HealthState = recorded && recorded.Status !== 'none' ? { Status: recorded.Status, FailingStreak: recorded.FailingStreak, Log: recorded.Log ?? [] } : initialHealth;
      run.watchHealth(
        new HealthMonitor({
          schedule,
          startedAt,
          health,
          probe: async (argv, signal) => {
            const process = await execProcessSpec(await runningSpec(this.layout(record.Id)), { Cmd: [...argv] });
            const result = await runExec(this.monitor.exec(handle, process), { keepBytes: 4096, signal });
            return { exitCode: result.exitCode, output: result.stdout + result.stderr };
          },
          onResult: (next) => this.recordHealth(record.Id, run, next),
        }),
      );
    }
  }

  private recordHealth(id: string, run: Supervision, health: HealthState): void {
    if (this.runs.get(id) !== run || !this.exists(id)) return;
    const before = this.records.find(id).State.Health?.Status;
    this.records.update(id, (record) => ({ ...record, State: { ...record.State, Health: health } }));
    if (before !== health.Status) this.emit({ action: 'health_status', id, health: health.Status });
  }

  /**
   * The container's process exited: the run's files and mounts are released, the exit recorded,
   * and the restart policy decides (a restart after its back-off, or AutoRemove's removal).
   */
  private async recordExit(id: string, handle: ContainerHandle, startedAt: Date, exit: ExitStatus): Promise<void> {
    this.runs.delete(id);
    await this.monitor.delete(handle).catch((error: unknown) => this.failed(error, id));
    await releaseRun(this.layout(id)).catch((error: unknown) => this.failed(error, id));
    // Its processes are gone: its names, ports and namespace go now, before a restart attaches it again.
    await this.options.networks?.detach(id).catch((error: unknown) => this.failed(error, id));
    if (!this.exists(id)) return;
    const record = this.records.find(id);
    const decision = decideRestart(
      record.HostConfig.RestartPolicy,
      { restartCount: record.RestartCount, delayMs: this.restartDelays.get(id) ?? 0 },
      { exitCode: exit.exitCode, ranForMs: exit.exitedAt.getTime() - startedAt.getTime(), stoppedByUser: record.ManuallyStopped || record.RemovalInProgress },
    );
    this.restartDelays.set(id, decision.state.delayMs);
    const result = this.records.apply(id, (current) => transitions.exited(current, { exitCode: exit.exitCode, at: exit.exitedAt, oomKilled: exit.oomKilled, restart: decision.restart }));
    this.emit({ action: 'die', id, exitCode: exit.exitCode });
    if (decision.restart && result.lifecycle.State.Restarting) {
      if (!this.closed) this.scheduleRestart(id, decision.afterMs);
    } else if (record.HostConfig.AutoRemove && !record.RemovalInProgress && !this.closed) {
      this.remove(id, { force: true, volumes: true }).catch((error: unknown) => this.failed(error, id));
    }
  }

  private scheduleRestart(id: string, afterMs: number): void {
    this.cancelRestart(id);
    const timer = setTimeout(() => {
      this.serial(id, () => this.restartByPolicy(id)).catch((error: unknown) => this.failed(error, id));
    }, afterMs);
    this.restartTimers.set(id, timer);
  }

  private cancelRestart(id: string): void {
    clearTimeout(this.restartTimers.get(id));
    this.restartTimers.delete(id);
  }

  /** The files of a container whose process is gone, then its record; with `volumes`, its anonymous volumes. */
  private async finishRemoval(id: string, volumes: boolean): Promise<void> {
    const record = this.records.find(id);
    const layout = this.layout(id);
    await this.monitor.delete(this.handle(record), { force: true });
    await releaseRun(layout);
    await this.options.networks?.detach(id);
    await removeRootfs(layout.rootfs);
    if (volumes) {
      const users = this.volumeUsers(id);
      for (const name of record.AnonymousVolumes) {
        // One another container still uses (volumes-from) stays, as in Docker.
        if (users.has(name)) continue;
        await this.volumes.remove(name, { users }).catch((error: unknown) => this.failed(error, id));
      }
    }
    await this.records.delete(id);
    this.restartDelays.delete(id);
    this.emit({ action: 'destroy', id, exitCode: record.State.ExitCode });
  }

  /**
   * See `open`. Creates and starts the last process died in are settled first (recoverStart),
   * then the network side: the containers the records say run keep their
   * namespaces and get their names and ports back, everything else is detached (one found gone
   * below is detached again as its exit is recorded). Then each container is taken up on its
   * own: one that fails is reported and left as it is.
   */
  private async recover(): Promise<void> {
    for (const id of this.records.unrecorded()) {
      // A create the last process died in left no record, and maybe its root mounted to fill a volume.
      await removeRootfs(this.layout(id).rootfs)
        .then(() => this.records.discardUnrecorded(id))
        .catch((error: unknown) => this.failed(error, id));
    }
    for (const record of this.records.list({ all: true })) {
      if ((record.State.Running && !record.State.Restarting) || record.RemovalInProgress) continue;
      await this.recoverStart(record).catch((error: unknown) => this.failed(error, record.Id));
    }
    const running = this.records.list({ all: true }).filter((record) => record.State.Running && !record.State.Restarting && sharedWith(record) === undefined);
    await this.options.networks?.recover(running.map(networkedContainer));
    for (const record of this.records.list({ all: true })) {
      try {
        await this.recoverOne(record);
      } catch (error) {
        this.failed(error, record.Id);
      }
    }
  }

  /** A start the last engine process died in (settleInterruptedStart): one runc got through is recorded, to be adopted as running. */
  private async recoverStart(record: ContainerRecord): Promise<void> {
    const started = await settleInterruptedStart(this.monitor, this.handle(record), this.layout(record.Id));
    if (!started) return;
    const run = { ...started, healthcheck: healthSchedule(record.Config.Healthcheck, undefined) !== undefined };
    this.records.apply(record.Id, (current) => (current.State.Restarting ? transitions.restartedByPolicy(current, run) : transitions.start(current, run)));
  }

  private async recoverOne(record: ContainerRecord): Promise<void> {
    const id = record.Id;
    if (record.RemovalInProgress) {
      // Whether `-v` was asked is not kept: the anonymous volumes stay, for `volume prune`.
      await this.serial(id, () => this.finishRemoval(id, false));
      return;
    }
    if (record.State.Restarting) {
      this.scheduleRestart(id, 0);
      return;
    }
    if (record.State.Running) {
      const handle = this.handle(record);
      const observed = await this.monitor.observe(handle);
      const startedAt = new Date(Date.parse(record.State.StartedAt));
      if (observed.monitorAlive && observed.exit === undefined) {
        // conmon may have rotated while no engine ran: file what it left before watching again.
        this.monitor.logRotation(handle, {}).reconcile();
        this.supervise(record, handle, startedAt);
        return;
      }
      // Gone with no exit recorded (a reboot, conmon killed): Docker's unknown exit, 255.
      const exit = observed.exit ?? { exitCode: 255, exitedAt: new Date(), oomKilled: false };
      await this.recordExit(id, handle, startedAt, exit);
      return;
    }
    if (!record.State.Dead && record.State.Status === 'exited' && restartsWithEngine(record.HostConfig.RestartPolicy, record.ManuallyStopped)) {
      await this.start(id);
    }
  }

  private serial<T>(reference: string, work: (id: string) => Promise<T>): Promise<T> {
    const id = this.records.find(reference).Id;
    const previous = this.queues.get(id) ?? Promise.resolve();
    const result = previous.then(() => work(id));
    const settled = result.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return result;
  }

  private joinContext(): JoinContext {
    return {
      records: this.records,
      networks: this.options.networks,
      layout: (id) => this.layout(id),
      ...(this.options.hostResolvConf ? { hostResolvConf: this.options.hostResolvConf } : {}),
    };
  }

  private exists(id: string): boolean {
    try {
      return this.records.find(id).Id === id;
    } catch {
      return false;
    }
  }

  private layout(id: string): ContainerLayout {
    return containerLayout(this.records.directory(id), this.options.runDirectory, id);
  }

  private handle(record: ContainerRecord): ContainerHandle {
    return containerHandle(this.layout(record.Id), record.Id, record.LogPath);
  }

  private emit(event: ContainerEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private failed(error: unknown, id: string): void {
    this.options.onError?.(error, id);
  }
}

function checkRunning(record: ContainerRecord, what: string): void {
  const { State, Id } = record;
  if (!State.Running) throw notRunning(record);
  if (State.Paused) throw new BerthError({ code: 'CONTAINER_PAUSED', kind: 'conflict', message: `Container ${Id} is paused, unpause the container before exec`, hint: `unpause it first: docker unpause ${Id.slice(0, 12)}` });
  if (State.Restarting) throw new BerthError({ code: 'CONTAINER_RESTARTING', kind: 'conflict', message: `Container ${Id} is restarting, wait until the container is running`, hint: `try the ${what} again once its restart policy has started it` });
}

function notRunning(record: ContainerRecord): BerthError {
  return new BerthError({ code: 'CONTAINER_NOT_RUNNING', kind: 'conflict', message: `Container ${record.Id} is not running`, hint: `start it first: docker start ${record.Id.slice(0, 12)}` });
}

