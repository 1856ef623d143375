import type { ByteCount, Duration, Extensions, StringMapping } from './common.js';
import type { DeviceRequest } from './service-misc.js';

export interface UpdateConfig extends Extensions {
  readonly parallelism?: number;
  readonly delay?: Duration;
  readonly failure_action?: string;
  readonly monitor?: Duration;
  readonly max_failure_ratio?: number;
  readonly order?: string;
}

export interface GenericResource extends Extensions {
  readonly discrete_resource_spec?: { readonly kind: string; readonly value: number };
}

export interface Resource extends Extensions {
  readonly cpus?: number;
  readonly memory?: ByteCount;
  readonly pids?: number;
  readonly devices?: readonly DeviceRequest[];
  readonly generic_resources?: readonly GenericResource[];
}

export interface Resources extends Extensions {
  readonly limits?: Resource;
  readonly reservations?: Resource;
}

export interface RestartPolicy extends Extensions {
  readonly condition?: string;
  readonly delay?: Duration;
  readonly max_attempts?: number;
  readonly window?: Duration;
}

export interface PlacementPreferences extends Extensions {
  readonly spread?: string;
}

export interface Placement extends Extensions {
  readonly constraints?: readonly string[];
  readonly preferences?: readonly PlacementPreferences[];
  readonly max_replicas_per_node?: number;
}

export interface DeployConfig extends Extensions {
  readonly mode?: string;
  readonly replicas?: number;
  readonly labels?: StringMapping;
  readonly update_config?: UpdateConfig;
  readonly rollback_config?: UpdateConfig;
  readonly resources?: Resources;
  readonly restart_policy?: RestartPolicy;
  readonly placement?: Placement;
  readonly endpoint_mode?: string;
}
