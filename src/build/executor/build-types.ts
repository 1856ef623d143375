import type { ContainerEngine } from '../../runtime/containers/engine/index.js';
import type { ContentStore, RegistryOptions } from '../../runtime/images/index.js';

/** One build, as `POST /build` asks for it (classic builder's parameters, plus berth's secrets). */
export interface BuildRequest {
  /** The unpacked build context. */
  contextDirectory: string;
  /** The Dockerfile's path inside the context (the request's `dockerfile`), as named in messages. */
  dockerfile: string;
  /** `t`: the names the final image gets. */
  tags: readonly string[];
  /** `buildargs`: a null value means "take it from nowhere", which leaves the ARG's default. */
  buildArgs: Readonly<Record<string, string | null>>;
  /** `labels`: added to the final image's config. */
  labels: Readonly<Record<string, string>>;
  /** `target`: the stage to build; the last one when absent. */
  target?: string;
  noCache: boolean;
  /** `pull`: fetch base images again even when the store has them. */
  pull: boolean;
  /** `networkmode` for RUN containers: `default` (the engine's bridge), `host`, `none` or a network. */
  networkMode: string;
  /** `extrahosts`: `host:ip` lines added to RUN containers' /etc/hosts. */
  extraHosts: readonly string[];
  /** `platform`; only the engine's own is built. */
  platform?: string;
  /** Secrets RUN --mount=type=secret may mount, by id. Never logged, never stored in an image. */
  secrets: ReadonlyMap<string, Buffer>;
  /** Credentials for pulling base images, per registry (`X-Registry-Config`). */
  registry: RegistryOptions;
}

/** What the builder uses of the engine: it runs RUN steps in real containers and stores images. */
export interface BuildEngine {
  containers: ContainerEngine;
  images: ContentStore;
  /** The builder's own directory in the daemon's data root (builder-paths.ts). */
  builderRoot: string;
}

/** Where the build's progress goes, in Docker's classic builder's words. */
export interface BuildOutput {
  /** A line or piece of output (`Step 2/5 : RUN ...\n`, a RUN's bytes), written as it comes. */
  write(text: string): void;
}

export interface BuiltImage {
  /** `sha256:...` */
  id: string;
  /** The familiar names it got. */
  tags: string[];
}
