import { describe, expect, it } from 'vitest';
import { dockerDefaultPools, formatCidr, splitPools } from '../../../src/network/ipam/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';

describe("Docker's default address pools", () => {
  it('are the 31 subnets dockerd 20.10 lists: 172.17 to 172.31 as /16s, then 192.168.0.0/16 as /20s', () => {
    const subnets = splitPools(dockerDefaultPools).map(formatCidr);
    const expected = [
      ...Array.from({ length: 15 }, (_, index) => `172.${17 + index}.0.0/16`),
      ...Array.from({ length: 16 }, (_, index) => `192.168.${index * 16}.0/20`),
    ];
    expect(subnets).toEqual(expected);
  });

  it('cut a configured pool into subnets of its size, in order', () => {
    expect(splitPools([{ base: '10.215.0.0/16', size: 24 }]).slice(0, 3).map(formatCidr)).toEqual(['10.215.0.0/24', '10.215.1.0/24', '10.215.2.0/24']);
    expect(splitPools([{ base: '10.215.0.0/16', size: 24 }])).toHaveLength(256);
  });

  it.each([
    [{ base: 'bogus', size: 24 }, 'address pool base=bogus,size=24 is not an IPv4 network cut into subnets no bigger than itself'],
    [{ base: '10.0.0.0/16', size: 8 }, 'address pool base=10.0.0.0/16,size=8 is not an IPv4 network cut into subnets no bigger than itself'],
    [{ base: '10.0.0.0/8', size: 30 }, 'address pool base=10.0.0.0/8,size=30 makes 4194304 subnets, more than the 65536 berth keeps'],
  ])('refuse %j', (pool, message) => {
    expect(berthErrorOf(() => splitPools([pool])).message).toBe(message);
  });
});
