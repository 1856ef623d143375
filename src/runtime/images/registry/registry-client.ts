import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { abortable } from '../abortable.js';
import { Authenticator } from './authenticator.js';
import { parseChallenges } from './challenge.js';
import { digestOf, parseDigest, requireDigest } from '../digest.js';
import { isDockerHub } from '../reference/index.js';
import { BodyTooLarge, drain, readBody, type HttpMethod, type ReplayableBody } from './http-exchange.js';
import { InsecureHosts } from './insecure-hosts.js';
import { readManifest } from './manifest-body.js';
import { manifestAccept } from './media-types.js';
import { registryFailure } from './registry-errors.js';
import { defaultRetryPolicy } from './retry-policy.js';
import { header, Transport } from './transport.js';
import type { BlobOptions, BlobSource, Credentials, FetchedManifest, ManifestHead, ManifestOptions, Registry, RegistryOptions, RequestOptions } from './types.js';
import { openVerifiedBlob } from './verified-blob.js';

/** Docker's own limit: a manifest is small, so a bigger answer is refused rather than buffered. */
const maxManifestBytes = 4 * 1024 * 1024;


/**
 * A client for one registry endpoint (Docker's registry API v2, the OCI distribution spec).
 *
 * Construct it with a host (`ghcr.io`, `127.0.0.1:5000`, `registry-1.docker.io`) to get the
 * transport rules: HTTPS, except that loopback hosts and `insecureRegistries` try HTTPS without
 * certificate checks and fall back to plain HTTP. Construct it with a URL (a mirror,
 * `http://127.0.0.1:5001`) to use that scheme as given.
 *
 * The first call probes `GET /v2/`: a 200 means no authentication, a 401 names the challenge that
 * every later request answers (see Authenticator). A request that still meets a 401 adopts the
 * new challenge and is sent once more with a fresh token.
 */
export class RegistryClient implements Registry {
  /** The host as messages and `berth login` name it (`docker.io` for Docker Hub). */
  readonly name: string;
  private readonly host: string;
  private readonly fixedScheme: 'http:' | 'https:' | undefined;
  private readonly insecureHosts: InsecureHosts;
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly maxResumes: number;
  private base: Promise<URL> | undefined;
  private credentials: Promise<Credentials | undefined> | undefined;

  constructor(target: string | URL, options: RegistryOptions = {}) {
    this.host = typeof target === 'string' ? target : target.host;
    this.fixedScheme = typeof target === 'string' ? undefined : target.protocol === 'http:' ? 'http:' : 'https:';
    this.name = isDockerHub(this.host) ? 'docker.io' : this.host;
    this.insecureHosts = new InsecureHosts(options.insecureRegistries);
    const retry = { ...defaultRetryPolicy, ...options.retry };
    this.maxResumes = retry.maxAttempts - 1;
    this.transport = new Transport({ insecureHosts: this.insecureHosts, retry, timeoutMs: options.timeoutMs ?? 60_000, userAgent: options.userAgent ?? 'berth' });
    this.auth = new Authenticator(this.transport, this.name, () => {
      this.credentials ??= options.credentials?.get(this.host) ?? Promise.resolve(undefined);
      return this.credentials;
    });
  }

  async getManifest(repository: string, reference: string, options: ManifestOptions = {}): Promise<FetchedManifest> {
    const image = this.image(repository, reference);
    const { signal } = options;
    const accept = options.accept ?? manifestAccept;
    const response = await this.send('GET', manifestPath(repository, reference), pull(repository), { headers: { accept: accept.join(', ') }, signal });
    if (response.statusCode !== 200) throw await registryFailure(response, this.name, `manifest ${image}`);
    let bytes: Buffer;
    try {
      bytes = await readBody(response, maxManifestBytes);
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (!(cause instanceof BodyTooLarge)) throw cause;
      throw new BerthError({
        code: 'MANIFEST_TOO_LARGE',
        kind: 'unavailable',
        message: `manifest of ${image} is larger than ${maxManifestBytes} bytes`,
        hint: 'that is not an image manifest; check the reference',
      });
    }
    return readManifest({ bytes, contentType: header(response, 'content-type'), headerDigest: header(response, 'docker-content-digest'), reference, image });
  }

  /** What the registry holds under `reference` without downloading it; undefined when it holds nothing. */
  async headManifest(repository: string, reference: string, options: RequestOptions = {}): Promise<ManifestHead | undefined> {
    const response = await this.send('HEAD', manifestPath(repository, reference), pull(repository), { headers: { accept: manifestAccept.join(', ') }, signal: options.signal });
    if (response.statusCode === 404) return undefined;
    if (response.statusCode !== 200) throw await registryFailure(response, this.name, `manifest ${this.image(repository, reference)}`);
    await drain(response);
    const digest = header(response, 'docker-content-digest')?.trim();
    const mediaType = header(response, 'content-type');
    const size = Number(header(response, 'content-length'));
    if (digest !== undefined && parseDigest(digest) && mediaType !== undefined && Number.isSafeInteger(size)) return { mediaType, digest, size };
    // Registries need not send Docker-Content-Digest on HEAD: the digest then comes from the bytes.
    const manifest = await this.getManifest(repository, reference, options);
    return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length };
  }

  async blobExists(repository: string, digest: string, options: RequestOptions = {}): Promise<boolean> {
    return this.hasBlob(repository, digest, pull(repository), options.signal);
  }

  /**
   * The blob's bytes, checked against `digest` (and `options.size`) as they stream: see
   * openVerifiedBlob. Redirects to storage are followed without the registry's `Authorization`.
   * `options.signal` also stops the stream: it errors with the signal's reason at once.
   */
  async getBlob(repository: string, digest: string, options: BlobOptions = {}): Promise<Readable> {
    const subject = `blob ${digest} of ${this.name}/${repository}`;
    requireDigest(digest, subject);
    const open = async (offset: number): Promise<IncomingMessage> => {
      const response = await this.send('GET', `/v2/${repository}/blobs/${digest}`, pull(repository), { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, signal: options.signal });
      if (response.statusCode === 200 || response.statusCode === 206) return response;
      throw await registryFailure(response, this.name, subject);
    };
    return openVerifiedBlob(open, digest, { ...options, subject, maxResumes: this.maxResumes });
  }

  /**
   * Uploads a blob unless the registry has it: HEAD, then POST to open an upload, then one PUT of
   * the whole blob to the upload's `Location` with `digest=` added to the query the registry
   * put there (it carries the upload's state).
   */
  async pushBlob(repository: string, digest: string, content: BlobSource | (() => Promise<BlobSource>), options: RequestOptions = {}): Promise<{ readonly uploaded: boolean }> {
    const subject = `upload of blob ${digest} to ${this.name}/${repository}`;
    const { signal } = options;
    requireDigest(digest, subject);
    if (await this.hasBlob(repository, digest, push(repository), signal)) return { uploaded: false };
    // Got before the upload is opened, so that failing to get the bytes leaves no upload behind.
    const body = typeof content === 'function' ? await content() : content;
    const opened = await this.send('POST', `/v2/${repository}/blobs/uploads/`, push(repository), { signal });
    const location = header(opened, 'location');
    if (opened.statusCode !== 202 || location === undefined) throw await registryFailure(opened, this.name, subject);
    await drain(opened);
    const target = new URL(location, await this.baseUrl());
    target.searchParams.append('digest', digest);
    const stored = await this.send('PUT', target, push(repository), { headers: { 'content-type': 'application/octet-stream' }, body, signal });
    if (stored.statusCode !== 201) throw await registryFailure(stored, this.name, subject);
    await drain(stored);
    return { uploaded: true };
  }

  /** `POST /v2/<repository>/blobs/uploads/?mount=<digest>&from=<from>`: 201 mounted, 202 an upload opened instead. */
  async mountBlob(repository: string, digest: string, from: string, options: RequestOptions = {}): Promise<boolean> {
    const subject = `mount of blob ${digest} from ${this.name}/${from} into ${this.name}/${repository}`;
    requireDigest(digest, subject);
    const query = new URLSearchParams({ mount: digest, from });
    // A token must also allow pulling from `from`, or the registry opens an upload rather than mount.
    const response = await this.send('POST', `/v2/${repository}/blobs/uploads/?${query.toString()}`, [push(repository), pull(from)], { signal: options.signal });
    if (response.statusCode !== 201 && response.statusCode !== 202) throw await registryFailure(response, this.name, subject);
    await drain(response);
    return response.statusCode === 201;
  }

  /** Stores a manifest under a tag or its digest; resolves to its digest. */
  async putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer, options: RequestOptions = {}): Promise<string> {
    const image = this.image(repository, reference);
    const digest = digestOf(bytes, parseDigest(reference)?.algorithm);
    if (parseDigest(reference) && digest !== reference) {
      throw new BerthError({ code: 'MANIFEST_DIGEST_MISMATCH', kind: 'internal', message: `manifest for ${image} hashes to ${digest}, not to the digest it is pushed under` });
    }
    const response = await this.send('PUT', manifestPath(repository, reference), push(repository), { headers: { 'content-type': mediaType }, body: bytes, signal: options.signal });
    if (response.statusCode !== 201) throw await registryFailure(response, this.name, `manifest ${image}`);
    await drain(response);
    return digest;
  }

  /**
   * Checks that the configured credentials are accepted (`berth login`): a token request with
   * them for Bearer registries, the probe with them for Basic ones.
   */
  async verifyLogin(): Promise<void> {
    await this.baseUrl();
    if (this.auth.scheme === undefined) return;
    if ((await this.auth.credentials()) === undefined) {
      throw new BerthError({ code: 'REGISTRY_LOGIN_MISSING', kind: 'usage', message: `no credentials for registry ${this.name}`, hint: `log in with \`berth login ${this.name}\`` });
    }
    const response = await this.send('GET', '/v2/', undefined, {});
    if (response.statusCode !== 200) throw await registryFailure(response, this.name, 'the login');
    await drain(response);
  }

  private async hasBlob(repository: string, digest: string, scope: string, signal: AbortSignal | undefined): Promise<boolean> {
    const response = await this.send('HEAD', `/v2/${repository}/blobs/${digest}`, scope, { signal });
    if (response.statusCode !== 200 && response.statusCode !== 404) throw await registryFailure(response, this.name, `blob ${digest} of ${this.name}/${repository}`);
    await drain(response);
    return response.statusCode === 200;
  }

  /**
   * One authenticated request. `scope` undefined asks for a token without a repository scope
   * (what `docker login` does); several scopes go into one token. `Authorization` goes only to the
   * registry's own origin. `request.signal` stops this request; the probe and the tokens, which
   * other requests share, are only no longer waited for.
   */
  private async send(
    method: HttpMethod,
    path: string | URL,
    scope: string | readonly string[] | undefined,
    request: { headers?: OutgoingHttpHeaders; body?: ReplayableBody; signal?: AbortSignal | undefined },
  ): Promise<IncomingMessage> {
    const { signal, ...sent } = request;
    const base = await abortable(this.baseUrl(), signal);
    const url = new URL(path, base);
    const ownOrigin = url.origin === base.origin;
    const scopes = typeof scope === 'string' ? [scope] : (scope ?? []);
    const attempt = async (fresh: boolean, extraScopes: readonly string[] = []): Promise<IncomingMessage> => {
      const authorization = ownOrigin ? await abortable(this.auth.authorization([...scopes, ...extraScopes], fresh), signal) : undefined;
      return this.transport.send({ method, url, ...sent, signal, ...(authorization === undefined ? {} : { authorization }) });
    };
    const schemeBefore = this.auth.scheme;
    const response = await attempt(false);
    if (response.statusCode !== 401 || !ownOrigin) return response;
    const challenges = parseChallenges(response.headersDistinct['www-authenticate'] ?? []);
    this.auth.useChallenges(challenges);
    // Sending Basic credentials again would meet the same 401; a Bearer token may have lacked a scope.
    if (this.auth.scheme === undefined || (this.auth.scheme === 'basic' && schemeBefore === 'basic')) return response;
    await drain(response);
    const asked = challenges.find((challenge) => challenge.scheme === 'bearer')?.parameters.scope;
    return attempt(true, asked === undefined ? [] : asked.split(' '));
  }

  /** The registry's base URL, once the `/v2/` probe has settled the scheme and the challenge. */
  private baseUrl(): Promise<URL> {
    this.base ??= this.probe().catch((error: unknown) => {
      this.base = undefined;
      throw error;
    });
    return this.base;
  }

  private async probe(): Promise<URL> {
    let base: URL;
    let response: IncomingMessage;
    if (this.fixedScheme === undefined && this.insecureHosts.allows(this.host)) {
      try {
        base = new URL(`https://${this.host}/`);
        response = await this.transport.send({ method: 'GET', url: new URL('/v2/', base), once: true });
      } catch {
        // Insecure registries may speak plain HTTP; the error of the HTTP attempt is the one reported.
        base = new URL(`http://${this.host}/`);
        response = await this.transport.send({ method: 'GET', url: new URL('/v2/', base) });
      }
    } else {
      base = new URL(`${this.fixedScheme ?? 'https:'}//${this.host}/`);
      response = await this.transport.send({ method: 'GET', url: new URL('/v2/', base) });
    }
    if (response.statusCode === 404) {
      await drain(response);
      throw new BerthError({
        code: 'REGISTRY_NOT_V2',
        kind: 'unavailable',
        message: `${base.origin} does not serve the registry API v2 (GET /v2/ answered 404)`,
        hint: 'check the registry address; berth speaks only the v2 API (Docker distribution, OCI)',
      });
    }
    if (response.statusCode !== 200 && response.statusCode !== 401) throw await registryFailure(response, this.name, 'the API probe GET /v2/');
    if (response.statusCode === 401) this.auth.useChallenges(parseChallenges(response.headersDistinct['www-authenticate'] ?? []));
    await drain(response);
    return base;
  }

  private image(repository: string, reference: string): string {
    return `${this.name}/${repository}${parseDigest(reference) ? '@' : ':'}${reference}`;
  }
}

function manifestPath(repository: string, reference: string): string {
  return `/v2/${repository}/manifests/${reference}`;
}

function pull(repository: string): string {
  return `repository:${repository}:pull`;
}

function push(repository: string): string {
  return `repository:${repository}:pull,push`;
}
