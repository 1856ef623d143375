import type { Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import type { RegistryClient } from './registry-client.js';
import { RegistryRefusal } from './registry-errors.js';
import type { BlobOptions, BlobSource, FetchedManifest, ManifestHead, ManifestOptions, Registry, RequestOptions } from './types.js';

/**
 * Docker Hub behind mirrors, as dockerd's `registry-mirrors`: every read goes to each mirror in
 * order and then to the hub, and the first that answers wins. A mirror that fails, lacks the
 * manifest or the blob, is passed over; when the hub fails too, its error is reported with each
 * mirror's reason appended. A blob stays with the endpoint that opened it: a failure in the
 * middle of its stream is not retried elsewhere. Pushes go to the hub only.
 */
export class MirroredRegistry implements Registry {
  constructor(
    private readonly mirrors: readonly RegistryClient[],
    private readonly hub: RegistryClient,
  ) {}

  getManifest(repository: string, reference: string, options?: ManifestOptions): Promise<FetchedManifest> {
    return this.firstAnswer(options, (client) => client.getManifest(repository, reference, options));
  }

  headManifest(repository: string, reference: string, options?: RequestOptions): Promise<ManifestHead | undefined> {
    return this.firstAnswer(options, (client) => client.headManifest(repository, reference, options), (head) => head !== undefined);
  }

  getBlob(repository: string, digest: string, options?: BlobOptions): Promise<Readable> {
    return this.firstAnswer(options, (client) => client.getBlob(repository, digest, options));
  }

  blobExists(repository: string, digest: string, options?: RequestOptions): Promise<boolean> {
    return this.firstAnswer(options, (client) => client.blobExists(repository, digest, options), (exists) => exists);
  }

  pushBlob(repository: string, digest: string, content: BlobSource | (() => Promise<BlobSource>), options?: RequestOptions): Promise<{ readonly uploaded: boolean }> {
    return this.hub.pushBlob(repository, digest, content, options);
  }

  mountBlob(repository: string, digest: string, from: string, options?: RequestOptions): Promise<boolean> {
    return this.hub.mountBlob(repository, digest, from, options);
  }

  putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer, options?: RequestOptions): Promise<string> {
    return this.hub.putManifest(repository, reference, mediaType, bytes, options);
  }

  /**
   * `found` says whether a mirror's answer counts (a mirror without the manifest does not); the
   * hub's always does. An aborted call is not passed on to the next endpoint. The hub's refusal
   * keeps its status and the registry's error entries.
   */
  private async firstAnswer<T>(options: RequestOptions | undefined, call: (client: RegistryClient) => Promise<T>, found: (answer: T) => boolean = () => true): Promise<T> {
    const signal = options?.signal;
    const passedOver: string[] = [];
    for (const mirror of this.mirrors) {
      try {
        const answer = await call(mirror);
        if (found(answer)) return answer;
        passedOver.push(`${mirror.name}: not there`);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        passedOver.push(`${mirror.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      return await call(this.hub);
    } catch (error) {
      if (!(error instanceof BerthError) || passedOver.length === 0) throw error;
      const described = {
        code: error.code,
        kind: error.kind,
        message: `${error.message} (mirrors tried first: ${passedOver.join('; ')})`,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        cause: error,
      };
      throw error instanceof RegistryRefusal ? new RegistryRefusal({ ...described, status: error.status, registryErrors: error.registryErrors }) : new BerthError(described);
    }
  }
}
