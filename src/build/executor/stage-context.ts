import type { RunConfig } from '../../runtime/containers/commit/index.js';
import type { ContentStore } from '../../runtime/images/index.js';
import type { Dockerfile } from '../dockerfile/index.js';
import type { StageArguments } from './build-scope.js';
import type { BuildEngine, BuildOutput, BuildRequest } from './build-types.js';
import type { StageFacts } from './config-instructions.js';
import type { LayerCache } from './layer-cache.js';

/** What every step of a build shares. */
export interface BuildContext {
  engine: BuildEngine;
  /** A leased view of the image store: what the build writes stays until it is named or cached. */
  store: ContentStore;
  cache: LayerCache;
  request: BuildRequest;
  dockerfile: Dockerfile;
  output: BuildOutput;
  /** This build's scratch directory, removed when it ends. */
  scratch: string;
  /** Where RUN --mount=type=cache directories live. */
  cacheMounts: string;
  /** The image an earlier stage built (by name or index), or undefined when `name` is no stage before `stage`. */
  stageImage(name: string, stage: number): Promise<string | undefined>;
  /** The id of an image named by COPY --from or a mount's `from`, pulled when missing. */
  externalImage(name: string): Promise<string>;
  signal: AbortSignal;
}

/** Where a stage stands after its steps so far. */
export interface StageState {
  /** The stage's index in the Dockerfile. */
  stage: number;
  imageId: string;
  /** The image's config, as the next step starts from it. */
  config: RunConfig;
  args: StageArguments;
  facts: StageFacts;
}
