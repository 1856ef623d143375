import type { Readable } from 'node:stream';
import type { BuildCachePruneResponse, ImageBuildOptions } from '../types/build.js';
import type { Filters } from '../types/common.js';
import type { ImageDeleteItem, ImageInspect, ImageSummary, ProgressMessage, RegistryAuth } from '../types/images.js';
import { buildImage, pruneBuildCache } from './image-build.js';
import { encodeFilters, pathSegment } from './query.js';
import type { EngineRequester } from './request.js';

export interface ImagePullOptions {
  /** `linux/arm64`: which image of a multi-platform index to pull. */
  platform?: string;
  /** Credentials for the image's registry; anonymous when left out. */
  auth?: RegistryAuth;
  signal?: AbortSignal;
}

export interface ImagePushOptions {
  /** Credentials for the image's registry; anonymous (`{}`) when left out. */
  auth?: RegistryAuth;
  signal?: AbortSignal;
}

export interface ImageImportOptions {
  /** The reference to give the imported image: `berth-test/busybox:1`. */
  reference?: string;
  /** Dockerfile instructions applied to the image's config: `CMD ["sh"]`, `ENV A=b`. */
  changes?: string[];
  message?: string;
  platform?: string;
}

/** `/images/...`. Names are references (`busybox`, `docker.io/library/busybox:1.36`) or ids. */
export class ImagesApi {
  constructor(private readonly engine: EngineRequester) {}

  list(options: { all?: boolean; filters?: Filters } = {}): Promise<ImageSummary[]> {
    return this.engine.requestJson({ method: 'GET', path: '/images/json', query: { all: options.all, filters: encodeFilters(options.filters) } });
  }

  inspect(name: string): Promise<ImageInspect> {
    return this.engine.requestJson({ method: 'GET', path: `/images/${pathSegment(name)}/json` });
  }

  /**
   * Pulls an image, yielding the engine's progress objects as they come. The pull happens while
   * the iteration runs, and a registry failure (unknown image, denied access) is thrown from it
   * as an EngineError with the registry's message. A reference without a tag pulls `latest`, as
   * `docker pull` does (the API would otherwise pull every tag).
   */
  pull(reference: string, options: ImagePullOptions = {}): AsyncGenerator<ProgressMessage, void, undefined> {
    const { name, tag } = splitReference(reference);
    return this.engine.requestJsonStream<ProgressMessage>({
      method: 'POST',
      path: '/images/create',
      query: { fromImage: name, tag, platform: options.platform },
      headers: options.auth ? { 'x-registry-auth': encodeRegistryAuth(options.auth) } : undefined,
      signal: options.signal,
    });
  }

  /**
   * Pushes one tag of an image to its registry, yielding the engine's progress objects as they
   * come, as `pull` does; a registry failure is thrown from the iteration as an EngineError with
   * the registry's message. A reference without a tag pushes `latest`, not every tag. The
   * credentials header is always sent: without it Docker reads them from the body and refuses
   * an empty one.
   */
  push(reference: string, options: ImagePushOptions = {}): AsyncGenerator<ProgressMessage, void, undefined> {
    const { name, tag } = splitReference(reference);
    return this.engine.requestJsonStream<ProgressMessage>({
      method: 'POST',
      path: `/images/${pathSegment(name)}/push`,
      query: { tag },
      headers: { 'x-registry-auth': encodeRegistryAuth(options.auth ?? {}) },
      signal: options.signal,
    });
  }

  /**
   * Builds an image from a build context (a tar), yielding the engine's messages as they come
   * (see image-build.ts): the steps and their output as `stream` text, the image id in `aux`.
   */
  build(context: Readable | AsyncIterable<Buffer>, options: ImageBuildOptions = {}): AsyncGenerator<ProgressMessage, void, undefined> {
    return buildImage(this.engine, context, options);
  }

  /** `builder prune`: the build cache; `all` also what no image uses. */
  pruneBuilder(options: { all?: boolean } = {}): Promise<BuildCachePruneResponse> {
    return pruneBuildCache(this.engine, options);
  }

  /** Removes a tag, and the image once no tag is left; `force` also when containers use it. */
  remove(name: string, options: { force?: boolean; noprune?: boolean } = {}): Promise<ImageDeleteItem[]> {
    return this.engine.requestJson({ method: 'DELETE', path: `/images/${pathSegment(name)}`, query: { force: options.force, noprune: options.noprune } });
  }

  /** Gives the image `source` the further reference `target` (`registry:5000/app:1`). */
  tag(source: string, target: string): Promise<void> {
    const { name, tag } = splitReference(target);
    return this.engine.requestEmpty({ method: 'POST', path: `/images/${pathSegment(source)}/tag`, query: { repo: name, tag } });
  }

  /**
   * Makes an image from a root filesystem tar (`docker import`), and returns its id. Progress is
   * read to the end here; an engine error inside it is thrown.
   */
  async import(rootfsTar: Readable | AsyncIterable<Buffer>, options: ImageImportOptions = {}): Promise<string> {
    const target = options.reference === undefined ? undefined : splitReference(options.reference);
    let id = '';
    for await (const progress of this.engine.requestJsonStream<ProgressMessage>({
      method: 'POST',
      path: '/images/create',
      query: { fromSrc: '-', repo: target?.name, tag: target?.tag, message: options.message, platform: options.platform, changes: options.changes },
      body: { stream: rootfsTar, contentType: 'application/x-tar' },
    })) {
      if (progress.status?.startsWith('sha256:')) id = progress.status;
    }
    return id;
  }
}

/**
 * Splits `name[:tag][@digest]` where the API wants `fromImage` and `tag` apart. A `:` before the
 * last `/` is a registry's port, not a tag. A digest wins over a tag, as in a pull.
 */
export function splitReference(reference: string): { name: string; tag: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { name: reference.slice(0, at).replace(/:[^:/]*$/, ''), tag: reference.slice(at + 1) };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { name: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { name: reference, tag: 'latest' };
}

/** `X-Registry-Auth`: the credentials as JSON, base64url-encoded. */
function encodeRegistryAuth(auth: RegistryAuth): string {
  return Buffer.from(JSON.stringify(auth), 'utf8').toString('base64url');
}
