import type { Ipam, NetworkCreateRequest } from '../../api/index.js';
import type { IPAMConfig, Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { composeLabels, composeVersionLabel } from '../contract/labels.js';
import { networkName } from '../contract/names.js';
import { definedFields, mappingCopy } from './defined-fields.js';

/**
 * The `POST /networks/create` body for the project's network `key`, as Compose sends it: the
 * network's own labels under the compose labels that mark it as the project's, and its driver,
 * options and IPAM. `CheckDuplicate` so two `up`s racing cannot make two networks of one name.
 */
export function networkCreateRequest(project: Project, key: string): NetworkCreateRequest {
  const network = project.networks?.[key];
  if (network === undefined) {
    throw new BerthError({ code: 'NETWORK_NOT_DECLARED', kind: 'internal', message: `project "${project.name}" declares no network "${key}"` });
  }
  return definedFields({
    Name: networkName(project, key),
    CheckDuplicate: true,
    Driver: network.driver,
    Options: mappingCopy(network.driver_opts),
    Internal: network.internal,
    Attachable: network.attachable,
    EnableIPv6: network.enable_ipv6,
    IPAM: ipam(network.ipam),
    Labels: {
      ...network.labels,
      [composeLabels.project]: project.name,
      [composeLabels.network]: key,
      [composeLabels.version]: composeVersionLabel,
    },
  });
}

/** `IPAM` only when a driver or pools are written: otherwise the engine's default allocation. */
function ipam(config: IPAMConfig | undefined): Ipam | undefined {
  if (config?.driver === undefined && (config?.config?.length ?? 0) === 0) return undefined;
  return definedFields({
    Driver: config?.driver,
    Config: config?.config?.map((pool) =>
      definedFields({ Subnet: pool.subnet, IPRange: pool.ip_range, Gateway: pool.gateway, AuxiliaryAddresses: mappingCopy(pool.aux_addresses) }),
    ),
    Options: mappingCopy(config?.options),
  });
}
