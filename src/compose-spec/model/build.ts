import type { ByteCount, Extensions, NullableStringMapping, StringMapping } from './common.js';
import type { ServiceSecretConfig, UlimitsConfig } from './service-misc.js';

/** `build:` in long syntax: a string `build: ./dir` becomes `{context, dockerfile: Dockerfile}`. */
export interface BuildConfig extends Extensions {
  readonly context?: string;
  readonly dockerfile?: string;
  readonly dockerfile_inline?: string;
  readonly entitlements?: readonly string[];
  /** Build arguments; a name without a value that the environment does not set stays `null`. */
  readonly args?: NullableStringMapping;
  readonly provenance?: string;
  readonly sbom?: string;
  /** SSH agent sockets or keys, sorted by id: `default` or `id=path` (Compose prints `id: path`). */
  readonly ssh?: readonly string[];
  readonly labels?: StringMapping;
  readonly cache_from?: readonly string[];
  readonly cache_to?: readonly string[];
  readonly no_cache?: boolean;
  readonly no_cache_filter?: readonly string[];
  readonly additional_contexts?: StringMapping;
  readonly pull?: boolean;
  /** `host=ip` entries, sorted (the form Compose prints). */
  readonly extra_hosts?: readonly string[];
  readonly isolation?: string;
  readonly network?: string;
  readonly target?: string;
  readonly secrets?: readonly ServiceSecretConfig[];
  readonly shm_size?: ByteCount;
  readonly tags?: readonly string[];
  readonly ulimits?: Readonly<Record<string, UlimitsConfig>>;
  readonly platforms?: readonly string[];
  readonly privileged?: boolean;
}
