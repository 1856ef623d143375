import { describe, expect, it } from 'vitest';
import { allocateAddress, type Ipv4Addressing } from '../../../src/network/ipam/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';

const addressing = (overrides: Partial<Ipv4Addressing> = {}): Ipv4Addressing => ({
  subnet: '10.215.104.0/24',
  range: '10.215.104.0/24',
  gateway: '10.215.104.1',
  auxiliary: {},
  userSubnet: true,
  ...overrides,
});
const network = (overrides?: Partial<Ipv4Addressing>) => ({ id: 'f'.repeat(64), name: 'demo', addressing: addressing(overrides) });

/** Allocates `count` addresses one after the other, as containers starting one by one get them. */
function allocateMany(overrides: Partial<Ipv4Addressing>, count: number, used: string[] = []): string[] {
  const taken = new Set(used);
  const given: string[] = [];
  for (let index = 0; index < count; index++) {
    const address = allocateAddress(network(overrides), taken);
    taken.add(address);
    given.push(address);
  }
  return given;
}

describe('container addresses', () => {
  it('come one after the other after the gateway', () => {
    expect(allocateMany({}, 3)).toEqual(['10.215.104.2', '10.215.104.3', '10.215.104.4']);
  });

  it('skip aux addresses and a gateway placed elsewhere', () => {
    expect(allocateMany({ auxiliary: { a: '10.215.104.2', b: '10.215.104.3' } }, 2)).toEqual(['10.215.104.4', '10.215.104.5']);
    expect(allocateMany({ gateway: '10.215.104.2' }, 2)).toEqual(['10.215.104.1', '10.215.104.3']);
  });

  it("go to the lowest free address, so a departed container's address is the next one given, as Docker gives it", () => {
    expect(allocateAddress(network(), new Set(['10.215.104.2', '10.215.104.4']))).toBe('10.215.104.3');
  });

  it('come from the ip_range only', () => {
    expect(allocateMany({ range: '10.215.104.128/25', gateway: '10.215.104.128' }, 2)).toEqual(['10.215.104.129', '10.215.104.130']);
  });

  it("run out with Docker's text, naming the network", () => {
    const small = { subnet: '10.215.127.0/30', range: '10.215.127.0/30', gateway: '10.215.127.1' };
    expect(allocateMany(small, 1)).toEqual(['10.215.127.2']);
    expect(berthErrorOf(() => allocateMany(small, 2)).message).toBe(`no available IPv4 addresses on this network's address pools: demo (${'f'.repeat(64)})`);
  });

  it('give a fixed address anywhere in the subnet, inside the ip_range or not', () => {
    expect(allocateAddress(network({ range: '10.215.104.128/25' }), new Set(), '10.215.104.5')).toBe('10.215.104.5');
  });

  it.each<[string, string[], string, Record<string, string>?]>([
    ['10.215.104.50', ['10.215.104.50'], 'Address already in use'],
    ['10.215.104.1', [], 'Address already in use'],
    ['10.215.104.0', [], 'Address already in use'],
    ['10.215.104.255', [], 'Address already in use'],
    ['10.215.104.2', [], 'Address already in use', { a: '10.215.104.2' }],
    ['10.215.105.50', [], "Invalid address 10.215.105.50: It does not belong to any of this network's subnets"],
    ['bogus', [], 'invalid IPv4 address: bogus'],
  ])("refuse the fixed address %s with Docker's text when it is taken or outside", (requested, used, message, auxiliary = {}) => {
    expect(berthErrorOf(() => allocateAddress(network({ auxiliary }), new Set(used), requested)).message).toBe(message);
  });
});
