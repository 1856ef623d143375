import type { Labels } from '../../api/types/common.js';
import type { NetworkCreateRequest } from '../../api/types/networks.js';
import { ipv6NotSupported } from '../ipam/index.js';
import { checkBridgeOptions } from './bridge-options.js';
import { invalidNetworkName, onlyOneInstance, predefinedName, unknownDriver, unsupportedDriver } from './network-errors.js';

/** A create request checked: what the record takes as it is (the IPAM is planned apart). */
export interface CheckedCreate {
  name: string;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Labels;
}

/** Names Docker reserves besides the predefined networks' own: `default` is how the API says "the default network". */
const reservedNames = ['bridge', 'host', 'none', 'default'];
/** Docker's drivers that berth's engine does not have; any other name is a plugin Docker would look for. */
const dockerDrivers = ['overlay', 'macvlan', 'ipvlan'];

/** A name for a new network: any text (Docker's rule), but not empty and not a reserved name. */
export function checkNetworkName(name: string | undefined): string {
  if (name === undefined || name === '') throw invalidNetworkName(name ?? '');
  if (reservedNames.includes(name)) throw predefinedName(name);
  return name;
}

/**
 * Checks a `POST /networks/create` body as Docker 20.10 does, in its order, with its texts: the
 * name (checkNetworkName; the caller checks that it is free right after, as Docker does); the
 * bridge driver (berth has no other, and a network of driver host or null is refused as Docker
 * refuses a second one); no IPv6 (berth's own refusal: accepting it and giving no IPv6 would be a
 * lie); bridge options that parse.
 */
export function checkCreateRequest(request: NetworkCreateRequest): CheckedCreate {
  const name = checkNetworkName(request.Name);
  const driver = request.Driver ?? '';
  if (driver === 'host' || driver === 'null') throw onlyOneInstance(driver);
  if (dockerDrivers.includes(driver)) throw unsupportedDriver(driver);
  if (driver !== '' && driver !== 'bridge') throw unknownDriver(driver);
  if (request.EnableIPv6) throw ipv6NotSupported(`network ${name} asks for IPv6 (EnableIPv6)`);
  const options = { ...request.Options };
  checkBridgeOptions(options);
  return { name, internal: request.Internal ?? false, attachable: request.Attachable ?? false, options, labels: { ...request.Labels } };
}
