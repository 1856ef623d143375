import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex, Writable } from 'node:stream';
import { compareApiVersions } from '../../client/api-version.js';
import { badParameter, errorAnswer, notFound } from './api-error.js';
import { parseJsonBody, readJsonBody } from './json-body.js';
import { QueryReader } from './query.js';
import type { ApiCall, HijackedConnection, Route } from './route.js';
import { Router, splitVersion } from './router.js';
import { takeUpgradeBody } from './upgrade-body.js';

export interface ApiServerOptions {
  routes: readonly Route[];
  /** The highest API version spoken (`Api-Version`), and the lowest accepted. */
  apiVersion: string;
  minApiVersion: string;
  /** The `Server` header, e.g. `berth/0.1.0 (linux)`. */
  server: string;
  /** Failures the client saw as a 500, and failures after an answer had begun: the daemon's log. */
  log(message: string): void;
}

/**
 * The Engine API's HTTP side: every request, plain or upgraded (attach and exec start send
 * `Upgrade: tcp`), goes through one router; the `/v1.NN` prefix is checked as dockerd checks it;
 * every answer carries `Api-Version`, `Ostype` and `Server`; a handler's error becomes Docker's
 * status and `{"message"}` (api-error.ts) unless the answer had begun, when the connection ends.
 */
export function createApiServer(options: ApiServerOptions): Server {
  const router = new Router(options.routes);
  const server = createServer({ keepAliveTimeout: 30_000 });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void serve(options, router, request, response, undefined);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void serve(options, router, request, undefined, { socket, head });
  });
  return server;
}

async function serve(
  options: ApiServerOptions,
  router: Router,
  request: IncomingMessage,
  response: ServerResponse | undefined,
  upgrade: { socket: Duplex; head: Buffer } | undefined,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://engine');
  const { version, path } = splitVersion(url.pathname);
  const method = request.method ?? 'GET';
  const controller = new AbortController();
  const abort = (): void => controller.abort(new Error('the client went away'));
  const answer = new Answer(options, request, response, upgrade);
  if (response) response.on('close', () => !response.writableFinished && abort());
  upgrade?.socket.on('close', abort);
  try {
    let upgradeBody: Buffer | undefined;
    if (upgrade) {
      const taken = await takeUpgradeBody(request, upgrade.socket, upgrade.head);
      upgradeBody = taken.body;
      upgrade.head = taken.rest;
    }
    if (version !== undefined) checkVersion(version, options);
    const match = router.match(method, path);
    if (!match) throw notFound('page not found');
    const call: ApiCall = {
      method,
      path,
      params: match.params,
      query: new QueryReader(url.searchParams),
      version: version ?? options.apiVersion,
      request,
      signal: controller.signal,
      json: <T>() => (upgradeBody ? Promise.resolve(parseJsonBody<T>(upgradeBody)) : readJsonBody<T>(request)),
      sendJson: (body, status) => answer.json(body, status),
      sendText: (body, contentType, headers) => answer.text(body, contentType, headers),
      sendEmpty: (status) => answer.empty(status),
      stream: (contentType, status, headers) => answer.stream(contentType, status, headers),
      hijack: (contentType) => answer.hijack(contentType),
    };
    await match.handle(call);
  } catch (error) {
    const { status, message } = errorAnswer(error);
    if (status >= 500) options.log(`${method} ${url.pathname}: ${message}`);
    if (!answer.begun) answer.json({ message }, status);
    else answer.abandon(message);
  }
}

function checkVersion(version: string, options: ApiServerOptions): void {
  if (compareApiVersions(version, options.apiVersion) > 0) {
    throw badParameter(`client version ${version} is too new. Maximum supported API version is ${options.apiVersion}`);
  }
  if (compareApiVersions(version, options.minApiVersion) < 0) {
    throw badParameter(`client version ${version} is too old. Minimum supported API version is ${options.minApiVersion}, please upgrade your client to a newer version`);
  }
}

/** One request's answer, through a response or, for an upgraded request, straight on the socket. */
class Answer {
  begun = false;

  constructor(
    private readonly options: ApiServerOptions,
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse | undefined,
    private readonly upgrade: { socket: Duplex; head: Buffer } | undefined,
  ) {}

  json(body: unknown, status = 200): void {
    this.send(status, 'application/json', `${JSON.stringify(body)}\n`);
  }

  text(body: string, contentType: string, headers: Record<string, string> = {}): void {
    this.send(200, contentType, body, headers);
  }

  empty(status = 204): void {
    this.send(status, undefined, '');
  }

  stream(contentType: string, status = 200, extra: Record<string, string> = {}): Writable {
    this.begun = true;
    if (this.response) {
      this.response.writeHead(status, { ...this.headers(), ...extra, 'Content-Type': contentType });
      this.response.flushHeaders();
      return this.response;
    }
    const socket = this.upgrade!.socket;
    // An upgrade request answered as a plain stream: no chunking, the connection closes at the end.
    socket.write(statusLine(status) + headerLines({ ...this.headers(), ...extra, 'Content-Type': contentType, Connection: 'close' }));
    return socket;
  }

  hijack(contentType: string): HijackedConnection {
    this.begun = true;
    if (this.upgrade) {
      const { socket, head } = this.upgrade;
      socket.write('HTTP/1.1 101 UPGRADED\r\n' + headerLines({ ...this.headers(), 'Content-Type': contentType, Connection: 'Upgrade', Upgrade: 'tcp' }));
      if (head.length > 0) socket.unshift(head);
      return { input: socket, output: socket, socket };
    }
    const response = this.response!;
    response.writeHead(200, { ...this.headers(), 'Content-Type': contentType });
    response.flushHeaders();
    return { input: this.request, output: response, socket: undefined };
  }

  /** An answer that failed after it had begun: the client sees the connection end early. */
  abandon(message: string): void {
    this.options.log(`${this.request.method} ${this.request.url}: failed after the answer began: ${message}`);
    if (this.response) this.response.destroy();
    else this.upgrade?.socket.destroy();
  }

  private send(status: number, contentType: string | undefined, body: string, extra: Record<string, string> = {}): void {
    this.begun = true;
    const headers: Record<string, string> = { ...this.headers(), ...extra, ...(contentType ? { 'Content-Type': contentType } : {}) };
    if (this.response) {
      this.response.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
      this.response.end(this.request.method === 'HEAD' ? undefined : body);
      return;
    }
    const socket = this.upgrade!.socket;
    socket.end(statusLine(status) + headerLines({ ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' }) + body);
  }

  private headers(): Record<string, string> {
    return { 'Api-Version': this.options.apiVersion, 'Docker-Experimental': 'false', Ostype: 'linux', Server: this.options.server };
  }
}

const reasons: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 503: 'Service Unavailable' };

function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${reasons[status] ?? 'Status'}\r\n`;
}

function headerLines(headers: Record<string, string>): string {
  return `${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}
