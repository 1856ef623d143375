import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex, Readable, Writable } from 'node:stream';
import type { QueryReader } from './query.js';

/**
 * One Engine API request, as a handler sees it. The path's `{name}` parts are in `params`; the
 * `/v1.NN` prefix is gone from the path and is `version` (the engine's own when the client gave
 * none). `signal` aborts when the client goes away, so a follow, a wait or an events stream ends
 * with it and leaks nothing.
 */
export interface ApiCall {
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  query: QueryReader;
  version: string;
  request: IncomingMessage;
  signal: AbortSignal;
  /** The request body as JSON, Docker's way: an empty body is `{}`; a body that is not JSON is a 400. */
  json<T>(): Promise<T>;
  /** Answers with JSON (200 unless told). */
  sendJson(body: unknown, status?: number): void;
  /** Answers 200 with a text body and extra headers (`/_ping`'s `Builder-Version` and cache headers). */
  sendText(body: string, contentType: string, headers?: Record<string, string>): void;
  /** Answers with no body: 204 unless told (304 for a start or stop that changed nothing). */
  sendEmpty(status?: number): void;
  /**
   * A streaming answer: the status and headers go at once (as `wait` and `events` need), and the
   * body follows as it is written. Chunked unless the connection was hijacked.
   */
  stream(contentType: string, status?: number, headers?: Record<string, string>): Writable;
  /**
   * Takes the connection over for attach and exec start: `101 UPGRADED` with `Upgrade: tcp` when
   * the client asked to upgrade, else a `200` raw stream on the response. What the client writes
   * arrives on `input`; `output` goes to it. Ending `output` closes the connection's write side.
   */
  hijack(contentType: string): HijackedConnection;
}

export interface HijackedConnection {
  input: Readable;
  output: Writable;
  /** The raw socket when the connection was upgraded (to destroy it), else undefined. */
  socket: Duplex | undefined;
}

export type Handler = (call: ApiCall) => Promise<void> | void;

/** One line of a route table: `POST /containers/{id}/start`. */
export interface Route {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle: Handler;
}

/** The shape handlers answer through, kept apart so the server can give either a response or an upgraded socket. */
export interface CallTransport {
  request: IncomingMessage;
  response: ServerResponse | undefined;
  upgrade: { socket: Duplex; head: Buffer } | undefined;
}
