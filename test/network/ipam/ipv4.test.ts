import { describe, expect, it } from 'vitest';
import { cidrsOverlap, formatCidr, parseIpv4, parseIpv4Cidr } from '../../../src/network/ipam/index.js';

describe('IPv4 addresses and networks', () => {
  it('reads dotted-decimal addresses and refuses what Go refuses', () => {
    expect(parseIpv4('172.17.0.1')).toBe(0xac110001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['010.0.0.1', '256.0.0.1', '1.2.3', '1.2.3.4.5', '1.2.3.-4', ' 1.2.3.4', '1.2.3.4/24', 'fd00::1', '']) {
      expect(parseIpv4(bad), bad).toBeUndefined();
    }
  });

  it('reads a CIDR as the network it names and keeps the address as written', () => {
    const parsed = parseIpv4Cidr('10.215.131.5/24');
    expect(parsed && formatCidr(parsed.network)).toBe('10.215.131.0/24');
    expect(parsed?.address).toBe(parseIpv4('10.215.131.5'));
    expect(parseIpv4Cidr('0.0.0.0/0')?.network).toEqual({ address: 0, prefix: 0 });
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/x', 'bogus/8']) expect(parseIpv4Cidr(bad), bad).toBeUndefined();
  });

  it('sees an overlap when either network holds the other', () => {
    const net = (text: string) => parseIpv4Cidr(text)!.network;
    expect(cidrsOverlap(net('10.0.0.0/8'), net('10.215.1.0/24'))).toBe(true);
    expect(cidrsOverlap(net('10.215.1.0/24'), net('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(net('172.17.0.0/16'), net('172.18.0.0/16'))).toBe(false);
    expect(cidrsOverlap(net('192.168.0.0/20'), net('192.168.15.255/32'))).toBe(true);
    expect(cidrsOverlap(net('192.168.0.0/20'), net('192.168.16.0/32'))).toBe(false);
  });
});
