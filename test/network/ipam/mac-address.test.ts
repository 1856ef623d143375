import { describe, expect, it } from 'vitest';
import { macAddressFor } from '../../../src/network/ipam/index.js';

describe('MAC addresses', () => {
  it('are 02:42 and the four bytes of the IPv4 address, as Docker 20.10 makes them', () => {
    expect(macAddressFor('172.18.0.2')).toBe('02:42:ac:12:00:02');
    expect(macAddressFor('10.215.1.3')).toBe('02:42:0a:d7:01:03');
    expect(macAddressFor('192.168.255.254')).toBe('02:42:c0:a8:ff:fe');
  });
});
