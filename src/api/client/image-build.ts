import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { BuildCachePruneResponse, ImageBuildOptions } from '../types/build.js';
import type { ProgressMessage } from '../types/images.js';
import type { Query } from './query.js';
import type { EngineRequester } from './request.js';

/** berth's header for build secrets (see ImageBuildOptions.secrets). */
export const buildSecretsHeader = 'x-berth-build-secrets';

/**
 * `POST /build`: sends the context (a tar, plain or gzip) and yields the engine's messages as they
 * come: `{stream}` text (each step, the RUN output), `{aux: {ID}}` with the image id. A failure
 * inside the stream (a RUN that exits non-zero) is thrown from the iteration as an EngineError
 * with the builder's message; a Dockerfile the engine refuses before building may come as an
 * error status instead (dockerd answers 400 for a parse error), thrown as an EngineError too.
 */
export function buildImage(engine: EngineRequester, context: Readable | AsyncIterable<Buffer>, options: ImageBuildOptions = {}): AsyncGenerator<ProgressMessage, void, undefined> {
  return engine.requestJsonStream<ProgressMessage>({
    method: 'POST',
    path: '/build',
    query: buildQuery(options),
    headers: buildHeaders(options),
    body: { stream: context, contentType: 'application/x-tar' },
    signal: options.signal,
  });
}

/** `POST /build/prune`: the builder's cache; `all` removes what is in use by no image too. */
export function pruneBuildCache(engine: EngineRequester, options: { all?: boolean } = {}): Promise<BuildCachePruneResponse> {
  return engine.requestJson<BuildCachePruneResponse>({ method: 'POST', path: '/build/prune', query: { all: options.all } });
}

/** The query parameters, with Docker's names; empty maps and lists are left out. */
export function buildQuery(options: ImageBuildOptions): Query {
  return {
    dockerfile: options.dockerfile,
    t: options.tags && options.tags.length > 0 ? [...options.tags] : undefined,
    q: options.quiet || undefined,
    nocache: options.noCache || undefined,
    pull: options.pull || undefined,
    rm: true,
    buildargs: jsonUnlessEmpty(options.buildArgs),
    labels: jsonUnlessEmpty(options.labels),
    target: options.target,
    networkmode: options.networkMode,
    extrahosts: options.extraHosts && options.extraHosts.length > 0 ? options.extraHosts.join(',') : undefined,
    platform: options.platform,
    cachefrom: options.cacheFrom && options.cacheFrom.length > 0 ? JSON.stringify(options.cacheFrom) : undefined,
    shmsize: options.shmSize,
  };
}

function buildHeaders(options: ImageBuildOptions): OutgoingHttpHeaders | undefined {
  const headers: OutgoingHttpHeaders = {};
  if (options.registryConfig && Object.keys(options.registryConfig).length > 0) {
    headers['x-registry-config'] = Buffer.from(JSON.stringify(options.registryConfig), 'utf8').toString('base64');
  }
  if (options.secrets && Object.keys(options.secrets).length > 0) headers[buildSecretsHeader] = encodeBuildSecrets(options.secrets);
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** `X-Berth-Build-Secrets`: base64 of `{"<id>": "<base64 of the value>"}`, ids sorted. */
export function encodeBuildSecrets(secrets: Readonly<Record<string, Buffer | string>>): string {
  const encoded: Record<string, string> = {};
  for (const id of Object.keys(secrets).sort()) encoded[id] = Buffer.from(secrets[id]!).toString('base64');
  return Buffer.from(JSON.stringify(encoded), 'utf8').toString('base64');
}

function jsonUnlessEmpty(record: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!record || Object.keys(record).length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]])));
}
