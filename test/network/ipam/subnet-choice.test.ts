import { describe, expect, it } from 'vitest';
import { dockerDefaultPools, formatCidr, parseIpv4Cidr, pickSubnet, splitPools, type HostRoute } from '../../../src/network/ipam/index.js';

const candidates = splitPools(dockerDefaultPools);
const net = (text: string) => parseIpv4Cidr(text)!.network;
const route = (destination: string, device = 'eth0'): HostRoute => ({ destination: net(destination), device });

function pick(options: { start?: number; taken?: string[]; routes?: HostRoute[] } = {}): string | undefined {
  const choice = pickSubnet({ candidates, start: options.start ?? 0, taken: (options.taken ?? []).map(net), routes: options.routes ?? [] });
  return choice && `${formatCidr(choice.subnet)} next ${choice.next}`;
}

describe('choosing a subnet for a network that names none', () => {
  it('takes the first pool subnet when nothing is in the way', () => {
    expect(pick()).toBe('172.17.0.0/16 next 1');
  });

  it("skips subnets the engine's networks use, whole or in part", () => {
    expect(pick({ taken: ['172.17.0.0/16', '172.18.5.0/24'] })).toBe('172.19.0.0/16 next 3');
  });

  it('skips subnets the host routes, such as a VPN or another engine\'s bridge', () => {
    expect(pick({ routes: [route('172.16.0.0/12', 'tun0')] })).toBe('192.168.0.0/20 next 16');
    expect(pick({ routes: [route('172.17.0.0/16', 'docker0'), route('172.18.0.7/32')] })).toBe('172.19.0.0/16 next 3');
  });

  it("goes on after the last subnet given, round the list, as Docker's rotation does", () => {
    expect(pick({ start: 2, taken: ['172.17.0.0/16'] })).toBe('172.19.0.0/16 next 3');
    expect(pick({ start: 30 })).toBe('192.168.240.0/20 next 0');
    expect(pick({ start: 30, taken: ['192.168.240.0/20', '172.17.0.0/16'] })).toBe('172.18.0.0/16 next 2');
  });

  it('finds nothing when every subnet is used or routed', () => {
    expect(pick({ routes: [route('172.16.0.0/12'), route('192.168.0.0/16')] })).toBeUndefined();
  });
});
