import { describe, expect, test } from 'vitest';
import { batchLine } from '../../../src/network/links/ip-batch.js';
import { containerInterfaceName, linkHost, newVethName } from '../../../src/network/links/index.js';
import { checkInterfaceName, checkMacAddress } from '../../../src/network/links/names.js';

describe('link names and addresses', () => {
  test('host-side veths are veth and 7 hex digits, and differ each time', () => {
    const names = new Set(Array.from({ length: 50 }, () => newVethName()));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^veth[0-9a-f]{7}$/);
  });

  test('container interfaces are eth0, eth1... in network order', () => {
    expect([0, 1, 2].map(containerInterfaceName)).toEqual(['eth0', 'eth1', 'eth2']);
  });

  test('interface names the kernel would refuse are refused with what they were for', () => {
    expect(() => checkInterfaceName('br-0123456789abc', 'bridge')).toThrow(/bridge name "br-0123456789abc" is not a valid Linux interface name/);
    for (const bad of ['', 'a b', 'a/b', 'a:b', '..']) expect(() => checkInterfaceName(bad, 'veth')).toThrow(/not a valid Linux interface name/);
    expect(() => checkInterfaceName('veth1234567', 'veth')).not.toThrow();
  });

  test('MAC addresses must be six hex bytes and unicast', () => {
    expect(() => checkMacAddress('02:42:ac:11:00:02')).not.toThrow();
    expect(() => checkMacAddress('03:42:ac:11:00:02')).toThrow(/not a unicast address/);
    expect(() => checkMacAddress('02:42:ac:11:00')).toThrow(/not a unicast address/);
  });

  test("an engine's mark on its links names its run directory", () => {
    expect(linkHost('/run/berth')).toEqual({ runDirectory: '/run/berth', namespaceDirectory: '/run/berth/netns', mark: 'berth:/run/berth' });
    expect(() => linkHost('run/berth')).toThrow(/must be an absolute path/);
    expect(() => linkHost(`/${'x'.repeat(260)}`)).toThrow(/at most 249 bytes/);
  });
});

describe('ip -batch lines', () => {
  test('words are joined by spaces, and a word with blanks is quoted', () => {
    expect(batchLine('link', 'set', 'br-1', 'alias', 'berth:/tmp/my run', 'mtu', 1500)).toBe('link set br-1 alias "berth:/tmp/my run" mtu 1500');
  });

  test('a word ip would cut or misread (a quote, backslash, #, line break, nothing) is refused', () => {
    for (const bad of ['a"b', 'a\\b', 'a#b', 'a\nlink delete eth0', '']) expect(() => batchLine('link', 'set', bad)).toThrow(/cannot pass .* to ip/);
  });
});
