import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import type { EngineEndpoint } from '../endpoint.js';
import type { EngineEvent } from '../types/events.js';
import type { PingResult, SystemInfo, VersionResponse } from '../types/system.js';
import { apiPrefix, berthApiVersion, negotiateApiVersion } from './api-version.js';
import { ContainersApi } from './containers.js';
import { engineErrorFrom, type FailedRequest } from './engine-error.js';
import { EventsApi, type EventsOptions } from './events.js';
import { ExecApi } from './exec.js';
import { ImagesApi } from './images.js';
import { streamJsonLines } from './json-lines.js';
import { NetworksApi } from './networks.js';
import { encodeQuery } from './query.js';
import { connectionLost, parseJsonAnswer, readText, type EngineRequest, type EngineRequester } from './request.js';
import { pingPath, pingResultOf, SystemApi } from './system.js';
import { HttpTransport } from './transport.js';
import { VolumesApi } from './volumes.js';

export interface ConnectOptions {
  /** The highest API version to speak; the engine's own maximum wins when lower. Default `1.41`. */
  maxApiVersion?: string;
  /** How long the first `/_ping` may take before the engine counts as unreachable. Default 10 s. */
  timeoutMs?: number;
}

const defaultConnectTimeoutMs = 10_000;

/**
 * A connection to one engine (berth's daemon or any dockerd), speaking the Engine API at the
 * version agreed on by `connect`. The resources hang off it by name (`client.containers.start`,
 * `client.networks.create`); `request`, `requestJson`, `requestEmpty` and `requestJsonStream`
 * are the primitive they share, for calls that have no typed method yet.
 */
export class EngineClient implements EngineRequester {
  readonly containers: ContainersApi;
  readonly images: ImagesApi;
  readonly networks: NetworksApi;
  readonly volumes: VolumesApi;
  readonly exec: ExecApi;
  private readonly system: SystemApi;
  private readonly eventsApi: EventsApi;

  private constructor(
    private readonly transport: HttpTransport,
    /** The version every path is prefixed with: `1.41`. */
    readonly apiVersion: string,
    /** What the engine said about itself when berth connected. */
    readonly engine: PingResult,
  ) {
    this.containers = new ContainersApi(this);
    this.images = new ImagesApi(this);
    this.networks = new NetworksApi(this);
    this.volumes = new VolumesApi(this);
    this.exec = new ExecApi(this);
    this.system = new SystemApi(this);
    this.eventsApi = new EventsApi(this);
  }

  /**
   * Pings the engine, then speaks the lower of its API version and `maxApiVersion`. An engine that
   * cannot be reached fails here with an `unavailable` BerthError (code ENGINE_UNAVAILABLE) that
   * says where berth looked and how to start one.
   */
  static async connect(endpoint: EngineEndpoint, options: ConnectOptions = {}): Promise<EngineClient> {
    const maxApiVersion = options.maxApiVersion ?? berthApiVersion;
    negotiateApiVersion(undefined, maxApiVersion); // a malformed maximum is a usage error before any I/O
    const transport = new HttpTransport(endpoint);
    try {
      const response = await transport.send({ method: 'GET', path: pingPath, timeoutMs: options.timeoutMs ?? defaultConnectTimeoutMs });
      const body = await readText(response, { method: 'GET', path: pingPath });
      // Docker answers its version even on an error status; only without it is the error final.
      if (response.statusCode !== 200 && response.headers['api-version'] === undefined) {
        throw engineErrorFrom(response.statusCode ?? 0, body, { method: 'GET', path: pingPath });
      }
      const ping = pingResultOf(response);
      return new EngineClient(transport, negotiateApiVersion(ping.apiVersion, maxApiVersion), ping);
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  get endpoint(): EngineEndpoint {
    return this.transport.endpoint;
  }

  /** `/v1.41`: what the hijacking helpers (attach, exec start) put before their paths. */
  get apiPrefix(): string {
    return apiPrefix(this.apiVersion);
  }

  /** `GET /_ping` again: the engine's version headers, and proof it still answers. */
  ping(options: { signal?: AbortSignal } = {}): Promise<PingResult> {
    return this.system.ping(options);
  }

  /** `GET /version`. */
  version(): Promise<VersionResponse> {
    return this.system.version();
  }

  /** `GET /info`. */
  info(): Promise<SystemInfo> {
    return this.system.info();
  }

  /** `GET /events`: the engine's events as they happen (see EventsApi.stream). */
  events(options: EventsOptions = {}): AsyncGenerator<EngineEvent, void, undefined> {
    return this.eventsApi.stream(options);
  }

  /** Closes every connection to the engine, including those of streams still being read. */
  close(): void {
    this.transport.close();
  }

  async request(request: EngineRequest): Promise<IncomingMessage> {
    const sent = this.describe(request);
    const response = await this.transport.send({
      method: request.method,
      path: sent.path,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
    const status = response.statusCode ?? 0;
    if (status >= 300) throw engineErrorFrom(status, await readText(response, sent, 1024 * 1024), sent);
    return response;
  }

  async requestJson<T>(request: EngineRequest): Promise<T> {
    const response = await this.request(request);
    const sent = this.describe(request);
    return parseJsonAnswer<T>(await readText(response, sent), sent);
  }

  async requestEmpty(request: EngineRequest): Promise<void> {
    const response = await this.request(request);
    await finished(response.resume());
  }

  async *requestJsonStream<T>(request: EngineRequest): AsyncGenerator<T, void, undefined> {
    const response = await this.request(request);
    const sent = this.describe(request);
    try {
      yield* streamJsonLines<T>(response, sent);
    } catch (error) {
      throw connectionLost(error, sent);
    }
  }

  /** Method and full path as sent, for error messages. */
  private describe(request: EngineRequest): FailedRequest {
    return { method: request.method, path: `${this.apiPrefix}${request.path}${encodeQuery(request.query)}` };
  }
}
