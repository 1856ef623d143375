/** Image build shapes (API v1.41, the classic builder) and berth's one extension to them. */
import type { RegistryAuth } from './images.js';

/**
 * What `POST /build` is asked to do besides reading the context. Every field maps to one of
 * Docker's query parameters (named beside it); left out, the engine's default applies.
 */
export interface ImageBuildOptions {
  /** `dockerfile`: the Dockerfile's path inside the context. Default `Dockerfile`. */
  dockerfile?: string;
  /** `t`, repeated: the references to tag the image with (`demo-web`, `registry:5000/app:1`). */
  tags?: readonly string[];
  /** `q`: the engine writes only the image id, not the steps and their output. */
  quiet?: boolean;
  /** `nocache`: run every step, reusing none from the layer cache. */
  noCache?: boolean;
  /** `pull`: pull each FROM image even when the engine has it. */
  pull?: boolean;
  /** `buildargs`: the values of the Dockerfile's ARGs. */
  buildArgs?: Readonly<Record<string, string>>;
  /** `labels`: labels for the image. */
  labels?: Readonly<Record<string, string>>;
  /** `target`: the stage to stop at in a multi-stage Dockerfile. */
  target?: string;
  /** `networkmode`: the network of RUN's containers: `default`, `host`, `none` or a network's name. */
  networkMode?: string;
  /** `extrahosts`: `/etc/hosts` entries for RUN's containers, each `host:ip`. */
  extraHosts?: readonly string[];
  /** `platform`: `linux/amd64`. */
  platform?: string;
  /** `cachefrom`: images whose layers may serve as cache. */
  cacheFrom?: readonly string[];
  /** `shmsize`: bytes of `/dev/shm` in RUN's containers. */
  shmSize?: number;
  /**
   * berth's engine only (`X-Berth-Build-Secrets`): the secrets a `RUN --mount=type=secret,id=ID`
   * may mount, by id. dockerd ignores the header, so a caller must not send secrets to it.
   */
  secrets?: Readonly<Record<string, Buffer | string>>;
  /** `X-Registry-Config`: credentials for the registries FROM images come from, by registry host. */
  registryConfig?: Readonly<Record<string, RegistryAuth>>;
  signal?: AbortSignal;
}

/** `POST /build/prune`'s answer. */
export interface BuildCachePruneResponse {
  /** Ids of the cache records removed; Docker answers null for none. */
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}
