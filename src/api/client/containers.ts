import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Filters } from '../types/common.js';
import type {
  ContainerConfig,
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerPathStat,
  ContainerSummary,
  ContainerTopResponse,
  ContainerWaitResponse,
  WaitCondition,
} from '../types/containers.js';
import { splitReference } from './images.js';
import { encodeFilters, pathSegment } from './query.js';
import { parseJsonAnswer, readText, type EngineRequester } from './request.js';

export interface ContainerListOptions {
  /** Stopped containers too (`docker ps -a`). */
  all?: boolean;
  /** `label`, `name`, `status`, `id`, `network`, `volume`, `ancestor`, ... */
  filters?: Filters;
}

export interface ContainerCreateOptions {
  /** `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`; the engine makes one up when left out. */
  name?: string;
  /** `linux/amd64`: the image's platform to use when several are present. */
  platform?: string;
}

export interface ContainerLogsOptions {
  /** Keep streaming as the container writes, until it stops or the signal aborts. */
  follow?: boolean;
  /** Both default to true; Docker refuses a request for neither. */
  stdout?: boolean;
  stderr?: boolean;
  /** Unix seconds (fractions allowed) or an RFC 3339 time. */
  since?: number | string;
  until?: number | string;
  /** Lines from the end, or `all` (the default). */
  tail?: number | 'all';
  timestamps?: boolean;
  signal?: AbortSignal;
}

export interface ContainerWaitOptions {
  /** Default `not-running`: answers at once for a container that is not running. */
  condition?: WaitCondition;
  signal?: AbortSignal;
}

/** A wait the engine has accepted (its headers arrived); `exit` settles when the condition is met. */
export interface PendingWait {
  exit: Promise<ContainerWaitResponse>;
}

/** A path's content inside a container, as a tar stream, and the path's stat. */
export interface ContainerArchive {
  stat: ContainerPathStat;
  tar: IncomingMessage;
}

/** `docker commit`'s options: see ContainersApi.commit. */
export interface ContainerCommitOptions {
  /** `REPOSITORY[:TAG]` for the image (`:latest` when no tag); left out, the image has no name. */
  reference?: string;
  /** The history entry's comment (`-m`). */
  comment?: string;
  /** The author (`-a`), e.g. `Jane Doe <jane@example.com>`. */
  author?: string;
  /** Dockerfile instructions for the image's config (`-c`): CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD, USER, VOLUME, WORKDIR. */
  changes?: readonly string[];
  /** Pause the container while its changes are read; default true, as the engine's. */
  pause?: boolean;
  /** A config that stands in for the container's; the engine fills what it leaves out from the container's. */
  config?: ContainerConfig;
}

/**
 * `/containers/...`. Ids and names are interchangeable wherever one is asked for. Starting a
 * running container or stopping a stopped one throws an EngineError with code
 * ENGINE_NOT_MODIFIED (Docker's 304), so callers decide whether that matters.
 */
export class ContainersApi {
  constructor(private readonly engine: EngineRequester) {}

  list(options: ContainerListOptions = {}): Promise<ContainerSummary[]> {
    return this.engine.requestJson({ method: 'GET', path: '/containers/json', query: { all: options.all, filters: encodeFilters(options.filters) } });
  }

  create(config: ContainerCreateRequest, options: ContainerCreateOptions = {}): Promise<ContainerCreateResponse> {
    return this.engine.requestJson({
      method: 'POST',
      path: '/containers/create',
      query: { name: options.name, platform: options.platform },
      body: { json: config },
    });
  }

  inspect(id: string): Promise<ContainerInspect> {
    return this.engine.requestJson({ method: 'GET', path: `/containers/${pathSegment(id)}/json` });
  }

  start(id: string): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/start` });
  }

  /** Sends the stop signal, then SIGKILL after `t` seconds (default: the container's StopTimeout, else 10). */
  stop(id: string, options: { t?: number } = {}): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/stop`, query: { t: options.t } });
  }

  /** `signal` is the Unix signal's name or number (default SIGKILL); a stopped container is a 409. */
  kill(id: string, options: { signal?: string } = {}): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/kill`, query: { signal: options.signal } });
  }

  restart(id: string, options: { t?: number } = {}): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/restart`, query: { t: options.t } });
  }

  pause(id: string): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/pause` });
  }

  unpause(id: string): Promise<void> {
    return this.engine.requestEmpty({ method: 'POST', path: `/containers/${pathSegment(id)}/unpause` });
  }

  /** Resolves when the condition is met, with the exit code. */
  async wait(id: string, options: ContainerWaitOptions = {}): Promise<ContainerWaitResponse> {
    return (await this.beginWait(id, options)).exit;
  }

  /**
   * Registers a wait and resolves as soon as the engine has accepted it (it answers the headers
   * at once and the body when the condition is met). Awaiting this before starting a container
   * means its exit cannot be missed, however short-lived it is.
   */
  async beginWait(id: string, options: ContainerWaitOptions = {}): Promise<PendingWait> {
    const request = { method: 'POST', path: `/containers/${pathSegment(id)}/wait`, query: { condition: options.condition }, signal: options.signal } as const;
    const response = await this.engine.request(request);
    const exit = readText(response, request).then((text) => parseJsonAnswer<ContainerWaitResponse>(text, request));
    // Callers that never read `exit` (they aborted) must not leave an unhandled rejection behind.
    exit.catch(() => undefined);
    return { exit };
  }

  remove(id: string, options: { force?: boolean; v?: boolean } = {}): Promise<void> {
    return this.engine.requestEmpty({ method: 'DELETE', path: `/containers/${pathSegment(id)}`, query: { force: options.force, v: options.v } });
  }

  /**
   * The raw log stream: framed with the 8-byte header unless the container has a TTY (see
   * multiplexed-stream.ts to split it). With `follow` it ends when the container stops.
   */
  logs(id: string, options: ContainerLogsOptions = {}): Promise<IncomingMessage> {
    return this.engine.request({
      method: 'GET',
      path: `/containers/${pathSegment(id)}/logs`,
      query: {
        follow: options.follow,
        stdout: options.stdout ?? true,
        stderr: options.stderr ?? true,
        since: options.since,
        until: options.until,
        tail: options.tail,
        timestamps: options.timestamps,
      },
      signal: options.signal,
    });
  }

  /** The container's processes; `psArgs` are `ps` options (default `-ef`). */
  top(id: string, options: { psArgs?: string } = {}): Promise<ContainerTopResponse> {
    return this.engine.requestJson({ method: 'GET', path: `/containers/${pathSegment(id)}/top`, query: { ps_args: options.psArgs } });
  }

  /** `GET /containers/{id}/archive`: a tar of `path` (a file or a directory) from the container. */
  async getArchive(id: string, path: string, options: { signal?: AbortSignal } = {}): Promise<ContainerArchive> {
    const tar = await this.engine.request({ method: 'GET', path: `/containers/${pathSegment(id)}/archive`, query: { path }, signal: options.signal });
    const header = tar.headers['x-docker-container-path-stat'];
    const encoded = Array.isArray(header) ? header[0] : header;
    const stat = (encoded ? JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) : { name: path, size: 0, mode: 0, mtime: '', linkTarget: '' }) as ContainerPathStat;
    return { stat, tar };
  }

  /** `PUT /containers/{id}/archive`: unpacks a tar into the directory `path` inside the container. */
  putArchive(id: string, path: string, tar: Readable | AsyncIterable<Buffer>, options: { noOverwriteDirNonDir?: boolean; copyUIDGID?: boolean } = {}): Promise<void> {
    return this.engine.requestEmpty({
      method: 'PUT',
      path: `/containers/${pathSegment(id)}/archive`,
      query: { path, noOverwriteDirNonDir: options.noOverwriteDirNonDir, copyUIDGID: options.copyUIDGID },
      body: { stream: tar, contentType: 'application/x-tar' },
    });
  }

  /**
   * `POST /commit` (`docker commit`): an image from the container's changes; resolves to its id
   * (`sha256:...`). As the docker CLI, sends the reference as repo and tag (`latest` when none is
   * written) and `pause=0` only when asked not to pause.
   */
  async commit(id: string, options: ContainerCommitOptions = {}): Promise<string> {
    const target = options.reference === undefined ? undefined : splitReference(options.reference);
    const answer = await this.engine.requestJson<{ Id: string }>({
      method: 'POST',
      path: '/commit',
      query: {
        container: id,
        repo: target?.name,
        tag: target?.tag,
        comment: options.comment,
        author: options.author,
        changes: options.changes,
        pause: options.pause === false ? false : undefined,
      },
      ...(options.config ? { body: { json: options.config } } : {}),
    });
    return answer.Id;
  }
}
