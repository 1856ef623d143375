/** Image shapes (API v1.41) and the progress messages that pull and import stream. */
import type { Labels } from './common.js';
import type { HealthConfig } from './containers.js';

/** `GET /images/json` entries. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  /** `["busybox:latest"]`; empty or null for an untagged image. */
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  /** Unix seconds. */
  Created: number;
  Size: number;
  Labels: Labels | null;
  Containers: number;
}

/** The image's defaults for its containers (the `config` of its OCI configuration). */
export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>> | null;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig;
  Entrypoint?: string[] | null;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Labels?: Labels | null;
  StopSignal?: string;
  Shell?: string[];
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Author: string;
  Config: ImageConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  Size: number;
  RootFS: { Type: string; Layers?: string[] };
  Metadata?: { LastTagTime?: string };
}

/** One line of `DELETE /images/{name}`: each tag removed, then each layer deleted. */
export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

/**
 * One object of a streamed answer (pull, import, push, build): Docker's JSONMessage. A layer's
 * progress is `{id, status: "Downloading", progressDetail: {current, total}}`; a failure comes as
 * `{error, errorDetail: {message}}` with the HTTP status already 200, which the client's
 * stream reader turns into a thrown EngineError.
 */
export interface ProgressMessage {
  id?: string;
  status?: string;
  /** A text progress bar, for terminals that show Docker's own rendering. */
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  /** Build output. */
  stream?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: Record<string, unknown>;
}

/**
 * Registry credentials for a pull or push, sent base64url-encoded in `X-Registry-Auth`:
 * either username and password, or an identity token from a previous login.
 */
export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
  identitytoken?: string;
  registrytoken?: string;
}
