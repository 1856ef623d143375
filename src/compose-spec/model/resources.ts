import type { Extensions, StringMapping } from './common.js';

export interface IPAMPool extends Extensions {
  readonly subnet?: string;
  readonly gateway?: string;
  readonly ip_range?: string;
  readonly aux_addresses?: StringMapping;
}

export interface IPAMConfig extends Extensions {
  readonly driver?: string;
  readonly config?: readonly IPAMPool[];
  readonly options?: StringMapping;
}

/** A top-level network. `name` is the engine's name (`<project>_<key>` unless written or external). */
export interface NetworkConfig extends Extensions {
  readonly name?: string;
  readonly driver?: string;
  readonly driver_opts?: StringMapping;
  readonly ipam?: IPAMConfig;
  readonly external?: boolean;
  readonly internal?: boolean;
  readonly attachable?: boolean;
  readonly labels?: StringMapping;
  readonly enable_ipv4?: boolean;
  readonly enable_ipv6?: boolean;
}

/** A top-level volume. */
export interface VolumeConfig extends Extensions {
  readonly name?: string;
  readonly driver?: string;
  readonly driver_opts?: StringMapping;
  readonly external?: boolean;
  readonly labels?: StringMapping;
}

/** What secrets and configs share: a file, an environment variable or inline content as the source. */
export interface FileObjectConfig extends Extensions {
  readonly name?: string;
  readonly file?: string;
  readonly environment?: string;
  readonly content?: string;
  readonly external?: boolean;
  readonly labels?: StringMapping;
  readonly driver?: string;
  readonly driver_opts?: StringMapping;
  readonly template_driver?: string;
}

export type SecretConfig = FileObjectConfig;

export type ConfigObjConfig = FileObjectConfig;

/** A top-level AI model. */
export interface ModelConfig extends Extensions {
  readonly name?: string;
  readonly model?: string;
  readonly context_size?: number;
  readonly runtime_flags?: readonly string[];
}
