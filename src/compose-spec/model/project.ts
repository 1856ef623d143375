import type { Extensions } from './common.js';
import type { ConfigObjConfig, ModelConfig, NetworkConfig, SecretConfig, VolumeConfig } from './resources.js';
import type { ServiceConfig } from './service.js';

/**
 * A loaded project in canonical form: what `berth config` prints. Services, networks, volumes,
 * secrets, configs and models are keyed by their names in the compose file.
 */
export interface Project extends Extensions {
  readonly name: string;
  readonly services: Readonly<Record<string, ServiceConfig>>;
  readonly networks?: Readonly<Record<string, NetworkConfig>>;
  readonly volumes?: Readonly<Record<string, VolumeConfig>>;
  readonly secrets?: Readonly<Record<string, SecretConfig>>;
  readonly configs?: Readonly<Record<string, ConfigObjConfig>>;
  readonly models?: Readonly<Record<string, ModelConfig>>;
}
