import { randomBytes } from 'node:crypto';
import type { ExecInspect } from '../../../types/exec.js';
import type { ContainerEvent } from '../../../../runtime/containers/engine/index.js';
import type { ExecSession } from '../../../../runtime/containers/monitor/index.js';
import { notFound } from '../../http/api-error.js';

/** What `POST /containers/{id}/exec` fixed, as dockerd keeps it (daemon/exec.Config). */
export interface ExecConfig {
  containerId: string;
  entrypoint: string;
  arguments: string[];
  tty: boolean;
  privileged: boolean;
  user: string;
  workingDir: string;
  env: string[];
  openStdin: boolean;
  openStdout: boolean;
  openStderr: boolean;
  /** The detach sequence as given at creation (undefined: Docker's default), and as bytes. */
  detachKeysText: string | undefined;
  detachKeys: Buffer;
}

/** One exec instance: created, then running once started, then done with its exit code. */
export class ExecInstance {
  started = false;
  running = false;
  exitCode: number | null = null;
  session: ExecSession | undefined;
  private readonly waiting = new Set<(session: ExecSession) => void>();

  constructor(
    readonly id: string,
    readonly config: ExecConfig,
  ) {}

  /** The process runs: its session is kept for inspect (Pid) and resize. */
  run(session: ExecSession): void {
    this.session = session;
    for (const resolve of this.waiting) resolve(session);
    this.waiting.clear();
  }

  /** The session, waited for up to `timeoutMs` as dockerd waits for an exec that is being started; undefined after that. */
  async runningSession(timeoutMs: number): Promise<ExecSession | undefined> {
    if (this.session) return this.session;
    let resolveWait: (session: ExecSession | undefined) => void = () => undefined;
    const waited = new Promise<ExecSession | undefined>((resolve) => (resolveWait = resolve));
    this.waiting.add(resolveWait);
    const timer = setTimeout(() => resolveWait(undefined), timeoutMs);
    try {
      return await waited;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(resolveWait);
    }
  }

  /** `GET /exec/{id}/json`, with dockerd's field order and its base64 DetachKeys (a []byte in Go). */
  inspect(): ExecInspect {
    const { config } = this;
    return {
      ID: this.id,
      Running: this.running,
      ExitCode: this.exitCode,
      ProcessConfig: {
        tty: config.tty,
        entrypoint: config.entrypoint,
        arguments: config.arguments,
        privileged: config.privileged,
        ...(config.user ? { user: config.user } : {}),
      },
      OpenStdin: config.openStdin,
      OpenStderr: config.openStderr,
      OpenStdout: config.openStdout,
      CanRemove: false,
      ContainerID: config.containerId,
      DetachKeys: config.detachKeysText === undefined ? '' : config.detachKeys.toString('base64'),
      Pid: this.session?.pid() ?? 0,
    };
  }
}

/** More than this many instances and the oldest that is not running goes first. */
const maxInstances = 1024;

/**
 * The daemon's exec instances, in memory as dockerd keeps them (a daemon restart forgets them).
 * They go with their container's life, as in dockerd: those never started when it stops, all
 * but the running ones when it starts again or is removed; and the store stays bounded.
 */
export class ExecStore {
  private readonly instances = new Map<string, ExecInstance>();

  constructor(subscribe: (listener: (event: ContainerEvent) => void) => () => void) {
    subscribe((event) => {
      if (event.action === 'die') this.forget(event.id, (instance) => !instance.started);
      else if (event.action === 'start' || event.action === 'destroy') this.forget(event.id, (instance) => !instance.running);
    });
  }

  add(config: ExecConfig): ExecInstance {
    const instance = new ExecInstance(randomBytes(32).toString('hex'), config);
    this.instances.set(instance.id, instance);
    if (this.instances.size > maxInstances) {
      const oldest = [...this.instances.values()].find((candidate) => !candidate.running);
      if (oldest) this.instances.delete(oldest.id);
    }
    return instance;
  }

  /** Docker looks exec instances up by their full id only. */
  get(id: string): ExecInstance {
    const instance = this.instances.get(id);
    if (!instance) throw notFound(`No such exec instance: ${id}`);
    return instance;
  }

  private forget(containerId: string, which: (instance: ExecInstance) => boolean): void {
    for (const instance of this.instances.values()) if (instance.config.containerId === containerId && which(instance)) this.instances.delete(instance.id);
  }
}
