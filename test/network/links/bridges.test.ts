import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { deleteBridge, ensureBridge, listBridges } from '../../../src/network/links/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { useLinksFixture } from './links-fixture.js';

const links = useLinksFixture();

interface IpBridge {
  ifname: string;
  mtu: number;
  address: string;
  flags: string[];
  ifalias?: string;
  linkinfo?: { info_kind?: string };
  addr_info: { family: string; local: string; prefixlen: number; broadcast?: string }[];
}

function showBridge(name: string): IpBridge | undefined {
  const links = JSON.parse(execFileSync('ip', ['-j', '-d', 'address', 'show'], { encoding: 'utf8' }) || '[]') as IpBridge[];
  return links.find((link) => link.ifname === name);
}

describeAsRoot('bridges', () => {
  test('a new bridge has the gateway address with its broadcast, MTU 1500, a fixed MAC from the gateway, is up, and carries the engine mark', async () => {
    const { host, bridgeName, subnet } = links();
    const [name, net] = [bridgeName(), subnet()];
    await ensureBridge(host, { name, gateway: net.gateway, prefixLength: net.prefixLength });
    try {
      const bridge = showBridge(name);
      const [, , third, fourth] = net.gateway.split('.').map(Number) as [number, number, number, number];
      expect(bridge).toMatchObject({ mtu: 1500, ifalias: host.mark, linkinfo: { info_kind: 'bridge' } });
      expect(bridge?.address).toMatch(new RegExp(`^02:42:0a:[0-9a-f]{2}:${third.toString(16).padStart(2, '0')}:${fourth.toString(16).padStart(2, '0')}$`));
      expect(bridge?.flags).toContain('UP');
      expect(bridge?.addr_info.filter((info) => info.family === 'inet')).toEqual([
        expect.objectContaining({ local: net.gateway, prefixlen: 24, broadcast: net.address(255) }),
      ]);
      expect((await listBridges(host)).map((link) => link.name)).toEqual([name]);
    } finally {
      await deleteBridge(host, name);
    }
    expect(showBridge(name)).toBeUndefined();
  });

  test('ensuring a bridge again changes nothing and puts back a removed gateway address', async () => {
    const { host, bridgeName, subnet } = links();
    const [name, net] = [bridgeName(), subnet()];
    const spec = { name, gateway: net.gateway, prefixLength: net.prefixLength, macAddress: '02:42:12:34:56:78' };
    await ensureBridge(host, spec);
    try {
      execFileSync('ip', ['address', 'flush', 'dev', name]);
      await ensureBridge(host, spec);
      const bridge = showBridge(name);
      expect(bridge?.address).toBe('02:42:12:34:56:78');
      expect(bridge?.addr_info.filter((info) => info.family === 'inet').map((info) => info.local)).toEqual([net.gateway]);
    } finally {
      await deleteBridge(host, name);
    }
  });

  test('a bridge of that name that berth did not make is neither adopted nor deleted', async () => {
    const { host, bridgeName, subnet } = links();
    const name = bridgeName();
    execFileSync('ip', ['link', 'add', name, 'type', 'bridge']);
    try {
      await expect(ensureBridge(host, { name, gateway: subnet().gateway, prefixLength: 24 })).rejects.toMatchObject({ code: 'NETWORK_BRIDGE_NOT_OURS', kind: 'conflict' });
      await expect(deleteBridge(host, name)).rejects.toMatchObject({ code: 'NETWORK_BRIDGE_NOT_OURS' });
      const bridge = showBridge(name);
      expect(bridge?.ifalias).toBeUndefined();
      expect(bridge?.addr_info).toEqual([]);
      expect((await listBridges(host)).map((link) => link.name)).not.toContain(name);
    } finally {
      execFileSync('ip', ['link', 'delete', name]);
    }
  });

  test('deleting a bridge that is already gone is not an error', async () => {
    await expect(deleteBridge(links().host, links().bridgeName())).resolves.toBeUndefined();
  });
});
