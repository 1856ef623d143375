import type { BuildConfig } from './build.js';
import type { ByteCount, Duration, Extensions, NullableStringMapping, StringMapping } from './common.js';
import type { DeployConfig } from './deploy.js';
import type { ServiceDependency } from './dependencies.js';
import type { DevelopConfig } from './develop.js';
import type { HealthCheckConfig } from './healthcheck.js';
import type { ServicePortConfig } from './ports.js';
import type {
  BlkioConfig,
  CredentialSpecConfig,
  DeviceMapping,
  DeviceRequest,
  EnvFileConfig,
  ExtendsConfig,
  LoggingConfig,
  ServiceConfigObjConfig,
  ServiceHook,
  ServiceModelConfig,
  ServiceNetworkConfig,
  ServiceProviderConfig,
  ServiceSecretConfig,
  UlimitsConfig,
} from './service-misc.js';
import type { ServiceVolumeConfig } from './service-volumes.js';

/**
 * A service in canonical long form: every attribute of the Compose Specification, every short
 * syntax expanded, the defaults `docker compose config` prints applied. Keys are Compose's own.
 * The service's name is its key in `Project.services`.
 */
export interface ServiceConfig extends Extensions {
  readonly profiles?: readonly string[];
  readonly annotations?: StringMapping;
  readonly attach?: boolean;
  readonly build?: BuildConfig;
  readonly develop?: DevelopConfig;
  readonly blkio_config?: BlkioConfig;
  readonly cap_add?: readonly string[];
  readonly cap_drop?: readonly string[];
  readonly cgroup_parent?: string;
  readonly cgroup?: string;
  readonly cpu_count?: number;
  readonly cpu_percent?: number;
  readonly cpu_period?: number;
  readonly cpu_quota?: number;
  readonly cpu_rt_period?: number;
  readonly cpu_rt_runtime?: number;
  readonly cpus?: number;
  readonly cpuset?: string;
  readonly cpu_shares?: number;
  /** Split with shell-word rules when written as a string; `[]` clears the image's command. */
  readonly command?: readonly string[];
  readonly configs?: readonly ServiceConfigObjConfig[];
  readonly container_name?: string;
  readonly credential_spec?: CredentialSpecConfig;
  readonly depends_on?: Readonly<Record<string, ServiceDependency>>;
  readonly deploy?: DeployConfig;
  readonly device_cgroup_rules?: readonly string[];
  readonly devices?: readonly DeviceMapping[];
  readonly dns?: readonly string[];
  readonly dns_opt?: readonly string[];
  readonly dns_search?: readonly string[];
  readonly domainname?: string;
  readonly entrypoint?: readonly string[];
  readonly provider?: ServiceProviderConfig;
  /** Explicit values over `env_file` values; `null` for a name the environment does not set. */
  readonly environment?: NullableStringMapping;
  /** Only kept when the environment is not resolved (`--no-env-resolution`). */
  readonly env_file?: readonly EnvFileConfig[];
  readonly expose?: readonly string[];
  readonly extends?: ExtendsConfig;
  readonly external_links?: readonly string[];
  /** `host=ip` entries, sorted (the form Compose prints). */
  readonly extra_hosts?: readonly string[];
  readonly group_add?: readonly string[];
  readonly gpus?: readonly DeviceRequest[];
  readonly hostname?: string;
  readonly healthcheck?: HealthCheckConfig;
  readonly image?: string;
  readonly init?: boolean;
  readonly ipc?: string;
  readonly isolation?: string;
  readonly labels?: StringMapping;
  readonly label_file?: readonly string[];
  readonly links?: readonly string[];
  readonly logging?: LoggingConfig;
  readonly mem_limit?: ByteCount;
  readonly mem_reservation?: ByteCount;
  readonly memswap_limit?: ByteCount;
  readonly mem_swappiness?: ByteCount;
  readonly mac_address?: string;
  /** `models: [name]` gives `name: null`, as compose-go prints it. */
  readonly models?: Readonly<Record<string, ServiceModelConfig | null>>;
  readonly network_mode?: string;
  /** Each network the service joins; `default` when none is written and there is no `network_mode`. */
  readonly networks?: Readonly<Record<string, ServiceNetworkConfig | null>>;
  readonly oom_kill_disable?: boolean;
  readonly oom_score_adj?: number;
  readonly pid?: string;
  readonly pids_limit?: number;
  readonly platform?: string;
  readonly ports?: readonly ServicePortConfig[];
  readonly privileged?: boolean;
  readonly pull_policy?: string;
  readonly read_only?: boolean;
  readonly restart?: string;
  readonly runtime?: string;
  readonly scale?: number;
  readonly secrets?: readonly ServiceSecretConfig[];
  readonly security_opt?: readonly string[];
  readonly shm_size?: ByteCount;
  readonly stdin_open?: boolean;
  readonly stop_grace_period?: Duration;
  readonly stop_signal?: string;
  readonly storage_opt?: StringMapping;
  readonly sysctls?: StringMapping;
  readonly tmpfs?: readonly string[];
  readonly tty?: boolean;
  readonly ulimits?: Readonly<Record<string, UlimitsConfig>>;
  readonly use_api_socket?: boolean;
  readonly user?: string;
  readonly userns_mode?: string;
  readonly uts?: string;
  readonly volume_driver?: string;
  readonly volumes?: readonly ServiceVolumeConfig[];
  readonly volumes_from?: readonly string[];
  readonly working_dir?: string;
  readonly post_start?: readonly ServiceHook[];
  readonly pre_stop?: readonly ServiceHook[];
}
