import { describe, expect, it } from 'vitest';
import type { Ipam } from '../../../src/api/types/networks.js';
import { dockerDefaultPools, parseIpv4Cidr, planAddressing, splitPools, type AddressingContext, type HostRoute } from '../../../src/network/ipam/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';

const net = (text: string) => parseIpv4Cidr(text)!.network;

function context(options: { taken?: Record<string, string>; routes?: HostRoute[]; start?: number } = {}): AddressingContext {
  return {
    networkName: 'demo_default',
    taken: Object.entries(options.taken ?? { bridge: '172.17.0.0/16' }).map(([network, subnet]) => ({ network, subnet: net(subnet) })),
    routes: options.routes ?? [],
    candidates: splitPools(dockerDefaultPools),
    start: options.start ?? 0,
  };
}

const plan = (ipam: Ipam | undefined, options?: Parameters<typeof context>[0]) => planAddressing(ipam, context(options));
const config = (entry: NonNullable<Ipam['Config']>[number]): Ipam => ({ Config: [entry] });

describe('planning a bridge network\'s addressing', () => {
  it('gives a network without IPAM the next free pool subnet, gateway .1, and shows both', () => {
    expect(plan(undefined)).toEqual({
      addressing: { subnet: '172.18.0.0/16', range: '172.18.0.0/16', gateway: '172.18.0.1', auxiliary: {}, userSubnet: false },
      shown: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }],
      next: 2,
    });
    expect(plan({ Driver: 'default', Config: [], Options: { foo: 'bar' } }).addressing.subnet).toBe('172.18.0.0/16');
  });

  it('takes the subnet given, shows the entry as written, and keeps the address with host bits cleared', () => {
    const planned = plan(config({ Subnet: '10.215.131.5/24', IPRange: '' }));
    expect(planned.addressing).toEqual({ subnet: '10.215.131.0/24', range: '10.215.131.0/24', gateway: '10.215.131.1', auxiliary: {}, userSubnet: true });
    expect(planned.shown).toEqual([{ Subnet: '10.215.131.5/24' }]);
    expect(planned.next).toBe(0);
  });

  it('gives the gateway the first address of the ip_range, even its network address, as dockerd does', () => {
    expect(plan(config({ Subnet: '10.215.100.0/24', IPRange: '10.215.100.128/25' })).addressing).toMatchObject({ range: '10.215.100.128/25', gateway: '10.215.100.128' });
    expect(plan(config({ Subnet: '10.215.130.0/24', IPRange: '10.215.130.77/26' })).addressing).toMatchObject({ range: '10.215.130.64/26', gateway: '10.215.130.64' });
    expect(plan(config({ Subnet: '10.215.120.0/24', IPRange: '10.215.120.0/25' })).addressing.gateway).toBe('10.215.120.1');
  });

  it('takes a gateway given anywhere in the subnet, inside the ip_range or not', () => {
    expect(plan(config({ Subnet: '10.215.120.0/24', IPRange: '10.215.120.0/25', Gateway: '10.215.120.200' })).addressing.gateway).toBe('10.215.120.200');
  });

  it('keeps aux addresses by name and shows them', () => {
    const planned = plan(config({ Subnet: '10.215.104.0/24', AuxiliaryAddresses: { b: '10.215.104.3', a: '10.215.104.2' } }));
    expect(planned.addressing.auxiliary).toEqual({ a: '10.215.104.2', b: '10.215.104.3' });
    expect(planned.shown).toEqual([{ Subnet: '10.215.104.0/24', AuxiliaryAddresses: { b: '10.215.104.3', a: '10.215.104.2' } }]);
  });

  it.each([
    [{ Driver: 'foo' }, 'plugin "foo" not found'],
    [{ Config: [{ Subnet: '10.215.110.0/24' }, { Subnet: '10.215.111.0/24' }] }, "bridge driver doesn't support multiple subnets"],
    [config({ Subnet: 'bogus' }), 'Invalid subnet bogus : invalid CIDR address: bogus'],
    [config({ IPRange: '10.215.113.0/24' }), 'Invalid subnet  : invalid CIDR address: '],
    [config({ Gateway: '10.215.113.1' }), 'Invalid subnet  : invalid CIDR address: '],
    [config({ Subnet: '10.215.103.0/24', Gateway: 'bogus' }), 'invalid gateway address bogus in Ipam configuration'],
    [config({ Subnet: '10.215.129.0/24', Gateway: '10.215.129.1/24' }), 'invalid gateway address 10.215.129.1/24 in Ipam configuration'],
    [config({ Subnet: '10.215.122.0/24', IPRange: 'bogus' }), 'failed to parse pool request for address space "LocalDefault" pool "10.215.122.0/24" subpool "bogus": Invalid Address SubPool'],
    [config({ Subnet: '10.215.123.0/24', AuxiliaryAddresses: { a: 'bogus' } }), 'non parsable secondary ip address (a:bogus) passed for network demo_default'],
    [config({ Subnet: '172.17.5.0/24' }), 'Pool overlaps with other one on this address space'],
    [config({ Subnet: '172.0.0.0/8' }), 'Pool overlaps with other one on this address space'],
    [config({ Subnet: '10.215.101.0/24', Gateway: '10.215.102.1' }), 'failed to allocate gateway (10.215.102.1): Requested address is out of range'],
    [config({ Subnet: '10.215.107.0/24', Gateway: '10.215.107.0' }), 'failed to allocate gateway (10.215.107.0): Address already in use'],
    [config({ Subnet: '10.215.108.0/24', Gateway: '10.215.108.255' }), 'failed to allocate gateway (10.215.108.255): Address already in use'],
    [config({ Subnet: '10.215.109.0/31' }), 'failed to allocate gateway (): No available addresses on this pool'],
    [config({ Subnet: '10.215.128.0/32' }), 'failed to allocate gateway (): No available addresses on this pool'],
    [config({ Subnet: '10.215.105.0/24', AuxiliaryAddresses: { a: '10.215.106.2' } }), 'auxiliary address: (a:10.215.106.2) must belong to the master pool: 10.215.105.0/24'],
    [config({ Subnet: '10.215.114.0/24', AuxiliaryAddresses: { a: '10.215.114.1' } }), 'failed to allocate secondary ip address (a:10.215.114.1): Address already in use'],
    [config({ Subnet: '10.215.124.0/24', Gateway: '10.215.124.9', AuxiliaryAddresses: { a: '10.215.124.9' } }), 'failed to allocate secondary ip address (a:10.215.124.9): Address already in use'],
    [config({ Subnet: '10.215.125.0/24', AuxiliaryAddresses: { b: '10.215.125.9', a: '10.215.125.9' } }), 'failed to allocate secondary ip address (b:10.215.125.9): Address already in use'],
  ])("refuses %j with dockerd's text", (ipam, message) => {
    expect(berthErrorOf(() => plan(ipam)).message).toBe(message);
  });

  it('refuses an ip_range outside the subnet, which dockerd 20.10 takes and then misuses', () => {
    expect(berthErrorOf(() => plan(config({ Subnet: '10.215.101.0/24', IPRange: '10.215.102.0/25' }))).message).toBe('ip_range 10.215.102.0/25 is not inside subnet 10.215.101.0/24');
    expect(berthErrorOf(() => plan(config({ Subnet: '10.215.121.0/24', IPRange: '10.215.121.0/23' }))).message).toBe('ip_range 10.215.121.0/23 is not inside subnet 10.215.121.0/24');
  });

  it("refuses a subnet the host routes through another interface, naming the route (dockerd 20.10 takes it and cuts the host off)", () => {
    const error = berthErrorOf(() => plan(config({ Subnet: '192.0.2.0/24' }), { routes: [{ destination: net('192.0.2.0/24'), device: 'eth0' }] }));
    expect(error.message).toBe("subnet 192.0.2.0/24 overlaps the host's route to 192.0.2.0/24 (dev eth0)");
    expect(error.hint).toContain('give another subnet');
  });

  it('refuses an IPv6 subnet clearly: berth has no IPv6 networks yet', () => {
    expect(berthErrorOf(() => plan(config({ Subnet: 'fd00:1::/64' }))).message).toBe("subnet fd00:1::/64: berth's engine has no IPv6 networks yet");
  });

  it('says so when every pool subnet is taken or routed', () => {
    const error = berthErrorOf(() => plan(undefined, { routes: [{ destination: net('172.16.0.0/12'), device: 'tun0' }, { destination: net('192.168.0.0/16'), device: 'wlan0' }] }));
    expect(error.message).toBe('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
  });
});
