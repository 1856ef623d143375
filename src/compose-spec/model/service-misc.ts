import type { ByteCount, Extensions, FileMode, NullableStringMapping, StringMapping } from './common.js';

/** A secret or config granted to a service (`secrets: [name]` becomes `{source: name, target: ...}`). */
export interface FileReferenceConfig extends Extensions {
  readonly source: string;
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: FileMode;
}

/** A service's secret: the target defaults to `/run/secrets/<source>`. */
export type ServiceSecretConfig = FileReferenceConfig;

/** A service's config: the target is left out when not written (the runtime uses `/<source>`). */
export type ServiceConfigObjConfig = FileReferenceConfig;

/** A single number sets both limits; Compose prints it as written. */
export type UlimitsConfig = number | { readonly soft: number; readonly hard: number };

export interface ServiceNetworkConfig extends Extensions {
  readonly aliases?: readonly string[];
  readonly driver_opts?: StringMapping;
  readonly gw_priority?: number;
  readonly interface_name?: string;
  readonly ipv4_address?: string;
  readonly ipv6_address?: string;
  readonly link_local_ips?: readonly string[];
  readonly mac_address?: string;
  readonly priority?: number;
}

export interface LoggingConfig extends Extensions {
  readonly driver?: string;
  readonly options?: StringMapping;
}

/** A device of `devices:`; `/dev/a:/dev/b:r` becomes `{source, target, permissions}`. */
export interface DeviceMapping extends Extensions {
  readonly source: string;
  readonly target?: string;
  /** `rwm` unless written. */
  readonly permissions?: string;
}

/** A device request (`gpus:`, `deploy.resources.reservations.devices`). `count: all` is `-1`. */
export interface DeviceRequest {
  readonly capabilities?: readonly string[];
  readonly driver?: string;
  readonly count?: number;
  readonly device_ids?: readonly string[];
  readonly options?: StringMapping;
}

export interface WeightDevice extends Extensions {
  readonly path: string;
  readonly weight: number;
}

export interface ThrottleDevice extends Extensions {
  readonly path: string;
  readonly rate: ByteCount;
}

export interface BlkioConfig extends Extensions {
  readonly weight?: number;
  readonly weight_device?: readonly WeightDevice[];
  readonly device_read_bps?: readonly ThrottleDevice[];
  readonly device_read_iops?: readonly ThrottleDevice[];
  readonly device_write_bps?: readonly ThrottleDevice[];
  readonly device_write_iops?: readonly ThrottleDevice[];
}

export interface CredentialSpecConfig extends Extensions {
  readonly config?: string;
  readonly file?: string;
  readonly registry?: string;
}

export interface ExtendsConfig {
  readonly file?: string;
  readonly service: string;
}

/** An `env_file` entry in long syntax (kept only when the environment is not resolved). */
export interface EnvFileConfig {
  readonly path: string;
  /** Printed only when false. */
  readonly required?: boolean;
  /** `raw` reads values without interpolation or quote handling. */
  readonly format?: string;
}

/** A `post_start` / `pre_stop` hook, or the command of a `sync+exec` watch rule. */
export interface ServiceHook extends Extensions {
  readonly command: readonly string[];
  readonly user?: string;
  readonly privileged?: boolean;
  readonly working_dir?: string;
  readonly environment?: NullableStringMapping;
}

export interface ServiceProviderConfig extends Extensions {
  readonly type?: string;
  readonly options?: Readonly<Record<string, readonly string[]>>;
}

/** A service's use of a top-level model (`models: [name]` becomes `{name: {}}`). */
export interface ServiceModelConfig extends Extensions {
  readonly endpoint_var?: string;
  readonly model_var?: string;
}
