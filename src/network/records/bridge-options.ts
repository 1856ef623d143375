import { BerthError } from '../../errors/index.js';
import { parseIpv4 } from '../ipam/index.js';
import { invalidBridgeOption } from './network-errors.js';
import type { NetworkRecord } from './network-record.js';

/** The bridge driver's options Docker reads (`docker network create -o`), by their full names. */
export const bridgeOption = {
  name: 'com.docker.network.bridge.name',
  enableIcc: 'com.docker.network.bridge.enable_icc',
  enableIpMasquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  hostBindingIpv4: 'com.docker.network.bridge.host_binding_ipv4',
  mtu: 'com.docker.network.driver.mtu',
} as const;

/** A bridge network's settings, options read with Docker's defaults: what links/ and firewall/ act on. */
export interface BridgeSettings {
  bridge: string;
  /** Containers on the network may talk to each other (Docker's default). */
  enableIcc: boolean;
  /** Egress through MASQUERADE (Docker's default); an internal network has none whatever this says. */
  enableIpMasquerade: boolean;
  /** The host address published ports bind to when a port names none. */
  hostBindingIpv4: string;
  /** Both veth ends; Docker's 0 (unset) means 1500. */
  mtu: number;
}

const defaultMtu = 1500;

/**
 * Refuses the options Docker would fail to parse, with Docker's texts; every other option is kept
 * and shown, as Docker keeps options it does not know. The bridge name must be a name Linux takes.
 */
export function checkBridgeOptions(options: Record<string, string>): void {
  for (const option of [bridgeOption.enableIcc, bridgeOption.enableIpMasquerade]) {
    const value = options[option];
    if (value !== undefined && goBool(value) === undefined) throw invalidBridgeOption(option, value, `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  const mtu = options[bridgeOption.mtu];
  if (mtu !== undefined && !/^[+-]?\d+$/.test(mtu)) throw invalidBridgeOption(bridgeOption.mtu, mtu, `strconv.Atoi: parsing ${JSON.stringify(mtu)}: invalid syntax`);
  if (mtu !== undefined && Number(mtu) !== 0 && (Number(mtu) < 68 || Number(mtu) > 65535)) throw invalidBridgeOption(bridgeOption.mtu, mtu, 'an MTU is 68 to 65535, or 0 for 1500');
  const binding = options[bridgeOption.hostBindingIpv4];
  if (binding !== undefined && parseIpv4(binding) === undefined) throw invalidBridgeOption(bridgeOption.hostBindingIpv4, binding, 'not an IPv4 address');
  const name = options[bridgeOption.name];
  if (name !== undefined) checkBridgeName(name);
}

/** The settings of a bridge network's record. */
export function bridgeSettings(record: NetworkRecord): BridgeSettings {
  if (record.bridge === undefined) {
    throw new BerthError({ code: 'NETWORK_NOT_BRIDGE', kind: 'internal', message: `network ${record.Name} (driver ${record.Driver}) has no bridge`, hint: 'only bridge networks have bridge settings' });
  }
  const options = record.Options;
  const mtu = Number(options[bridgeOption.mtu] ?? 0);
  return {
    bridge: record.bridge,
    enableIcc: goBool(options[bridgeOption.enableIcc] ?? 'true') ?? true,
    enableIpMasquerade: goBool(options[bridgeOption.enableIpMasquerade] ?? 'true') ?? true,
    hostBindingIpv4: options[bridgeOption.hostBindingIpv4] ?? '0.0.0.0',
    mtu: mtu === 0 ? defaultMtu : mtu,
  };
}

/** Go's strconv.ParseBool. */
function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** What the kernel takes as an interface name: 1 to 15 bytes, no blanks, `/` or `:`, not `.` or `..`. */
function checkBridgeName(name: string): void {
  if (/^[^\s/:]+$/.test(name) && Buffer.byteLength(name) <= 15 && name !== '.' && name !== '..') return;
  throw new BerthError({
    code: 'NETWORK_BRIDGE_NAME_INVALID',
    kind: 'usage',
    message: `${bridgeOption.name} ${JSON.stringify(name)} is not a Linux interface name`,
    hint: 'an interface name has 1 to 15 bytes, without blanks, "/" or ":"',
  });
}
