import type { Ipv4Addressing } from '../ipam/index.js';
import { bridgeOption } from './bridge-options.js';
import type { NetworkRecord } from './network-record.js';

/**
 * berth's default bridge device. Docker's is `docker0`; berth's is its own, so berth's engine and a
 * dockerd on the same host never share a bridge, its addresses or its rules.
 */
export const defaultBridgeName = 'berth0';

/**
 * Docker 20.10's default bridge network as it shows it, made once per state directory (its id
 * stays), on berth0 unless the engine names another device (Docker's `--bridge`), with the
 * default bridge's options.
 */
export function defaultBridgeNetwork(id: string, created: string, addressing: Ipv4Addressing, bridge: string = defaultBridgeName): NetworkRecord {
  return {
    Id: id,
    Name: 'bridge',
    Created: created,
    Driver: 'bridge',
    Internal: false,
    Attachable: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: addressing.subnet, Gateway: addressing.gateway }] },
    Options: {
      'com.docker.network.bridge.default_bridge': 'true',
      [bridgeOption.enableIcc]: 'true',
      [bridgeOption.enableIpMasquerade]: 'true',
      [bridgeOption.hostBindingIpv4]: '0.0.0.0',
      [bridgeOption.name]: bridge,
      [bridgeOption.mtu]: '1500',
    },
    Labels: {},
    bridge,
    addressing,
    endpoints: {},
  };
}

/** The `host` and `none` networks (drivers host and null): no IPAM, no options, endpoints without addresses. */
export function hostOrNoneNetwork(name: 'host' | 'none', id: string, created: string): NetworkRecord {
  return {
    Id: id,
    Name: name,
    Created: created,
    Driver: name === 'none' ? 'null' : 'host',
    Internal: false,
    Attachable: false,
    IPAM: { Driver: 'default', Options: null, Config: [] },
    Options: {},
    Labels: {},
    endpoints: {},
  };
}
