/**
 * The registry client's contract: what it needs (credentials, options) and what it returns
 * (manifests, descriptors, platforms). Implementations live beside this file.
 *
 * Vocabulary, after the OCI distribution spec and Docker's registry API v2:
 * - a *host* is `name[:port]` as it appears in an image reference (`ghcr.io`, `127.0.0.1:5000`);
 *   Docker Hub's references say `docker.io`, served by `registry-1.docker.io`.
 * - a *repository* is the path after the host (`library/busybox`).
 * - a *reference* is a tag (`1.36`) or a digest (`sha256:<64 hex>`).
 * - a *descriptor* names content by media type, digest and size; blobs are fetched by descriptor.
 */
import type { Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What a credential source hands out for one registry host. */
export type Credentials =
  | { readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (`docker login` with a Docker Hub access token via SSO, or a helper's `<token>` user). */
  | { readonly identityToken: string };

/**
 * Where credentials come from. `get` is asked with the host the client talks to
 * (`registry-1.docker.io` for Docker Hub; implementations map it to Docker's `https://index.docker.io/v1/` key).
 * It resolves to undefined when there are none: the client then pulls anonymously.
 */
export interface CredentialSource {
  get(host: string): Promise<Credentials | undefined>;
}

/** How hard the client retries 429, 5xx and connection resets before it gives up. */
export interface RetryPolicy {
  /** Total attempts per request, the first included. Default 5. */
  readonly maxAttempts: number;
  /** The first back-off; it doubles each attempt, with jitter. Default 500 ms. */
  readonly baseDelayMs: number;
  /** The back-off never grows past this. Default 10 s. */
  readonly maxDelayMs: number;
  /**
   * A `Retry-After` longer than this is not waited for: the request fails at once with the
   * registry's answer (Docker Hub asks for hours when a pull limit is spent). Default 60 s.
   */
  readonly maxRetryAfterMs: number;
}

export interface RegistryOptions {
  /** Default: none (anonymous). */
  readonly credentials?: CredentialSource;
  /**
   * Hosts (`name[:port]`, exactly as in references) or IPv4 CIDRs where plain HTTP is allowed and
   * TLS certificates are not verified. `localhost`, `::1` and 127.0.0.0/8 always are. Default: none.
   */
  readonly insecureRegistries?: readonly string[];
  /** Docker Hub mirrors as URLs (`https://mirror.example`, `http://127.0.0.1:5000`), tried in order before the hub. Default: none. */
  readonly mirrors?: readonly string[];
  /** Default: see RetryPolicy. */
  readonly retry?: Partial<RetryPolicy>;
  /** Socket inactivity limit per request. Default 60 s. */
  readonly timeoutMs?: number;
  /** Default `berth/<version>`. */
  readonly userAgent?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly urls?: readonly string[];
}

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly 'os.version'?: string;
  readonly 'os.features'?: readonly string[];
}

/** A Docker schema 2 or OCI image manifest. */
export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface IndexEntry extends Descriptor {
  readonly platform?: Platform;
}

/** A Docker manifest list or OCI image index. */
export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType?: string;
  readonly manifests: readonly IndexEntry[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A manifest as the registry sent it. `digest` is computed from `bytes`, exactly as received
 * (never from re-serialized JSON), and has been checked against `Docker-Content-Digest` and
 * against the reference when that was a digest.
 */
export type FetchedManifest =
  | { readonly kind: 'manifest'; readonly mediaType: string; readonly digest: string; readonly bytes: Buffer; readonly json: ImageManifest }
  | { readonly kind: 'index'; readonly mediaType: string; readonly digest: string; readonly bytes: Buffer; readonly json: ImageIndex };

/** What a HEAD on a manifest tells: enough to know whether a local copy is current. */
export interface ManifestHead {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** What any registry call may carry. */
export interface RequestOptions {
  /**
   * Stops the call at once: its request, its retries and their back-off, and a blob's stream.
   * The call then fails (or the stream errors) with the signal's reason; an upload stopped this
   * way leaves only an unfinished upload, which the registry purges.
   */
  readonly signal?: AbortSignal;
}

export interface ManifestOptions extends RequestOptions {
  /** The media types to accept, preferred first. Default manifestAccept: the two image manifests and the two indexes. */
  readonly accept?: readonly string[];
}

export interface BlobOptions extends RequestOptions {
  /** The descriptor's size: the stream fails as soon as more arrives, and at the end when less did. */
  readonly size?: number;
  /**
   * Continue an interrupted download: `offset` bytes are already on disk and `prefixHash` has
   * been fed exactly those bytes (same algorithm as the digest). The stream yields the rest.
   */
  readonly resume?: { readonly offset: number; readonly prefixHash: Hash };
}

/** Bytes to upload: in memory, or a file that can be opened again when a request is retried. */
export type BlobSource = Buffer | { readonly size: number; open(): Readable };

/** The read side every registry endpoint offers, mirrored or not. */
export interface RegistryReader {
  getManifest(repository: string, reference: string, options?: ManifestOptions): Promise<FetchedManifest>;
  headManifest(repository: string, reference: string, options?: RequestOptions): Promise<ManifestHead | undefined>;
  getBlob(repository: string, digest: string, options?: BlobOptions): Promise<Readable>;
  blobExists(repository: string, digest: string, options?: RequestOptions): Promise<boolean>;
}

/** The write side: pushes go to the registry itself, never to a mirror. */
export interface RegistryWriter {
  /**
   * Uploads the blob unless the registry has it; resolves to whether bytes were sent. `content`
   * may be a function for bytes that are costly to get: it is called only when they must be sent.
   */
  pushBlob(repository: string, digest: string, content: BlobSource | (() => Promise<BlobSource>), options?: RequestOptions): Promise<{ readonly uploaded: boolean }>;
  /**
   * Links the blob the registry holds in repository `from` into `repository` without sending it
   * (a cross-repository blob mount); false when the registry did not mount it (it lacks the blob
   * there, or mounts nothing) and opened an upload instead, which it purges in time.
   */
  mountBlob(repository: string, digest: string, from: string, options?: RequestOptions): Promise<boolean>;
  /** Resolves to the manifest's digest. */
  putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer, options?: RequestOptions): Promise<string>;
}

export type Registry = RegistryReader & RegistryWriter;
