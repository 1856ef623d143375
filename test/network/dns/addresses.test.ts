import { describe, expect, test } from 'vitest';
import { addressOfPtrName, canonicalAddress } from '../../../src/network/dns/addresses.js';

describe('addresses and PTR names', () => {
  test('IPv6 addresses have one spelling whatever way they are written', () => {
    const spellings = ['fd00::2', 'FD00:0:0:0:0:0:0:2', 'fd00:0000::0002', 'fd00::2%br-1'];
    expect(new Set(spellings.map(canonicalAddress))).toEqual(new Set(['fd000000000000000000000000000002']));
    expect(canonicalAddress('::1')).toBe('00000000000000000000000000000001');
    expect(canonicalAddress('64:ff9b::10.0.0.1')).toBe('0064ff9b00000000000000000a000001');
  });

  test('an IPv4-mapped IPv6 address is its IPv4 address; junk is undefined', () => {
    expect(canonicalAddress('::ffff:172.18.0.3')).toBe('172.18.0.3');
    expect(canonicalAddress('::ffff:ac12:3')).toBe('172.18.0.3');
    expect(canonicalAddress('172.18.0.3')).toBe('172.18.0.3');
    expect(canonicalAddress('db')).toBeUndefined();
    expect(canonicalAddress('1.2.3')).toBeUndefined();
  });

  test('in-addr.arpa names read backwards to IPv4 addresses, in any case, with or without the root dot', () => {
    expect(addressOfPtrName('3.0.18.172.in-addr.arpa')).toBe('172.18.0.3');
    expect(addressOfPtrName('3.0.18.172.IN-ADDR.ARPA.')).toBe('172.18.0.3');
  });

  test('ip6.arpa names of 32 nibbles read backwards to IPv6 addresses', () => {
    const nibbles = 'fd000000000000000000000000000002'.split('').reverse().join('.');
    expect(addressOfPtrName(`${nibbles}.ip6.arpa`)).toBe('fd00:0000:0000:0000:0000:0000:0000:0002');
  });

  test('partial, overlong and malformed reverse names are not addresses', () => {
    expect(addressOfPtrName('18.172.in-addr.arpa')).toBeUndefined();
    expect(addressOfPtrName('1.3.0.18.172.in-addr.arpa')).toBeUndefined();
    expect(addressOfPtrName('300.0.18.172.in-addr.arpa')).toBeUndefined();
    expect(addressOfPtrName('03.0.18.172.in-addr.arpa')).toBeUndefined();
    expect(addressOfPtrName('2.0.0.d.f.ip6.arpa')).toBeUndefined();
    expect(addressOfPtrName('db.shop_default')).toBeUndefined();
  });
});
