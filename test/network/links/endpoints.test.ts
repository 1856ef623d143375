import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from 'vitest';
import {
  attachEndpoint,
  containerInterfaceName,
  createNetworkNamespace,
  deleteBridge,
  detachEndpoints,
  ensureBridge,
  newVethName,
  removeNetworkNamespace,
  type EndpointSpec,
} from '../../../src/network/links/index.js';
import { macAddressFor } from '../../../src/network/ipam/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { hostLinks, ipJsonIn, leftoversOf, pings, useLinksFixture, type TestSubnet } from './links-fixture.js';

const links = useLinksFixture();

interface IpAddress {
  ifname: string;
  address: string;
  mtu: number;
  flags: string[];
  addr_info: { family: string; local: string; prefixlen: number; broadcast?: string }[];
}

/** A bridge on a fresh subnet, made for the test; `remove` deletes it. */
async function testBridge(): Promise<{ name: string; subnet: TestSubnet; remove: () => Promise<void> }> {
  const { host, bridgeName, subnet } = links();
  const name = bridgeName();
  const net = subnet();
  await ensureBridge(host, { name, gateway: net.gateway, prefixLength: net.prefixLength });
  return { name, subnet: net, remove: () => deleteBridge(host, name) };
}

function endpointOn(bridge: { name: string; subnet: TestSubnet }, hostNumber: number, index: number, gateway = index === 0): EndpointSpec {
  const address = bridge.subnet.address(hostNumber);
  return {
    hostName: newVethName(),
    containerName: containerInterfaceName(index),
    bridge: bridge.name,
    macAddress: macAddressFor(address),
    address,
    prefixLength: bridge.subnet.prefixLength,
    ...(gateway ? { defaultGateway: bridge.subnet.gateway } : {}),
  };
}

describeAsRoot('endpoints: veth pairs from a bridge into namespaces', () => {
  test('two namespaces on one bridge reach each other, and the gateway, by address', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const [first, second] = [endpointOn(bridge, 2, 0), endpointOn(bridge, 3, 0)];
    const [a, b] = [containerId(), containerId()];
    try {
      const pathA = await createNetworkNamespace(host, a, [first]);
      const pathB = await createNetworkNamespace(host, b, [second]);
      expect(await pings(pathA, second.address)).toBe(true);
      expect(await pings(pathB, first.address)).toBe(true);
      expect(await pings(pathA, bridge.subnet.gateway)).toBe(true);
      expect(await pings(pathA, '127.0.0.1')).toBe(true);
    } finally {
      await removeNetworkNamespace(host, a, [first.hostName]);
      await removeNetworkNamespace(host, b, [second.hostName]);
      await bridge.remove();
    }
  });

  test('inside, eth0 has the given MAC, address with its broadcast, MTU 1500, and the default route goes through the gateway', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const endpoint = endpointOn(bridge, 7, 0);
    const id = containerId();
    try {
      const path = await createNetworkNamespace(host, id, [endpoint]);
      const addresses = await ipJsonIn<IpAddress[]>(path, ['address', 'show']);
      expect(addresses.map((link) => link.ifname)).toEqual(['lo', 'eth0']);
      const eth0 = addresses[1];
      expect(eth0?.address).toBe(endpoint.macAddress);
      expect(eth0?.mtu).toBe(1500);
      expect(eth0?.flags).toContain('UP');
      expect(eth0?.addr_info.filter((info) => info.family === 'inet')).toEqual([
        expect.objectContaining({ local: endpoint.address, prefixlen: 24, broadcast: bridge.subnet.address(255) }),
      ]);
      const routes = await ipJsonIn<{ dst: string; gateway?: string; dev: string }[]>(path, ['route', 'show']);
      expect(routes).toContainEqual(expect.objectContaining({ dst: 'default', gateway: bridge.subnet.gateway, dev: 'eth0' }));
    } finally {
      await removeNetworkNamespace(host, id, [endpoint.hostName]);
      await bridge.remove();
    }
  });

  test('the host end is named veth + 7 hex, sits on the bridge with MTU 1500, hairpin mode on, and carries the engine mark', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const endpoint = endpointOn(bridge, 2, 0);
    const id = containerId();
    try {
      await createNetworkNamespace(host, id, [endpoint]);
      expect(endpoint.hostName).toMatch(/^veth[0-9a-f]{7}$/);
      const veth = hostLinks().find((link) => link.ifname === endpoint.hostName);
      expect(veth).toMatchObject({ master: bridge.name, ifalias: host.mark, mtu: 1500, linkinfo: { info_kind: 'veth', info_slave_data: { hairpin: true } } });
      expect((veth as { flags?: string[] } | undefined)?.flags).toContain('UP');
    } finally {
      await removeNetworkNamespace(host, id, [endpoint.hostName]);
      await bridge.remove();
    }
  });

  test('a second network connected to a running namespace appears as eth1 and carries traffic, without touching eth0 or the default route', async () => {
    const { host, containerId } = links();
    const [front, back] = [await testBridge(), await testBridge()];
    const first = endpointOn(front, 2, 0);
    const peer = endpointOn(back, 3, 0);
    const second = endpointOn(back, 2, 1, false);
    const [id, peerId] = [containerId(), containerId()];
    try {
      const path = await createNetworkNamespace(host, id, [first]);
      const peerPath = await createNetworkNamespace(host, peerId, [peer]);
      await attachEndpoint(host, path, second);
      const addresses = await ipJsonIn<IpAddress[]>(path, ['address', 'show']);
      expect(addresses.map((link) => link.ifname)).toEqual(['lo', 'eth0', 'eth1']);
      expect(addresses[2]?.address).toBe(second.macAddress);
      expect(await pings(path, peer.address)).toBe(true);
      expect(await pings(peerPath, second.address)).toBe(true);
      expect(await pings(path, front.subnet.gateway)).toBe(true);
      const routes = await ipJsonIn<{ dst: string; gateway?: string; dev: string }[]>(path, ['route', 'show', 'default']);
      expect(routes).toEqual([expect.objectContaining({ gateway: front.subnet.gateway, dev: 'eth0' })]);
    } finally {
      await removeNetworkNamespace(host, id, [first.hostName, second.hostName]);
      await removeNetworkNamespace(host, peerId, [peer.hostName]);
      await front.remove();
      await back.remove();
    }
  });

  test('disconnecting a network deletes both ends of its veth and leaves the other network working', async () => {
    const { host, containerId } = links();
    const [front, back] = [await testBridge(), await testBridge()];
    const first = endpointOn(front, 2, 0);
    const second = endpointOn(back, 2, 1, false);
    const id = containerId();
    try {
      const path = await createNetworkNamespace(host, id, [first, second]);
      await detachEndpoints([second.hostName]);
      expect(hostLinks().map((link) => link.ifname)).not.toContain(second.hostName);
      const inside = await ipJsonIn<IpAddress[]>(path, ['link', 'show']);
      expect(inside.map((link) => link.ifname)).toEqual(['lo', 'eth0']);
      expect(await pings(path, front.subnet.gateway)).toBe(true);
      await expect(detachEndpoints([second.hostName])).resolves.toBeUndefined();
    } finally {
      await removeNetworkNamespace(host, id, [first.hostName]);
      await front.remove();
      await back.remove();
    }
  });

  test('removing the namespace with its endpoints and then the bridge leaves no link, mount or file', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const endpoints = [endpointOn(bridge, 2, 0), endpointOn(bridge, 3, 1, false)];
    const id = containerId();
    await createNetworkNamespace(host, id, endpoints);
    expect(leftoversOf(host).links).toHaveLength(3);
    await removeNetworkNamespace(host, id, endpoints.map((endpoint) => endpoint.hostName));
    await bridge.remove();
    expect(leftoversOf(host, [bridge.name])).toEqual({ links: [], mounts: [], files: [] });
    expect(hostLinks().filter((link) => endpoints.some((endpoint) => endpoint.hostName === link.ifname))).toEqual([]);
  });

  test('removing a namespace that a process still runs in deletes its veths all the same', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const endpoint = endpointOn(bridge, 2, 0);
    const id = containerId();
    const path = await createNetworkNamespace(host, id, [endpoint]);
    const holder = spawn('nsenter', [`--net=${path}`, 'sleep', '60'], { stdio: 'ignore' });
    try {
      await new Promise((resolve, reject) => holder.once('spawn', resolve).once('error', reject));
      await removeNetworkNamespace(host, id, [endpoint.hostName]);
      expect(hostLinks().map((link) => link.ifname)).not.toContain(endpoint.hostName);
      expect(leftoversOf(host)).toEqual({ links: [bridge.name], mounts: [], files: [] });
    } finally {
      holder.kill('SIGKILL');
      if (holder.exitCode === null && holder.signalCode === null) await once(holder, 'exit');
      await bridge.remove();
    }
  });

  test('a namespace whose bridge does not exist is not created, and leaves nothing behind', async () => {
    const { host, containerId, bridgeName, subnet } = links();
    const endpoint = endpointOn({ name: bridgeName(), subnet: subnet() }, 2, 0);
    await expect(createNetworkNamespace(host, containerId(), [endpoint])).rejects.toMatchObject({
      code: 'NETWORK_ENDPOINT_FAILED',
      message: expect.stringMatching(new RegExp(`${endpoint.bridge}.*Device does not exist`)),
    });
    expect(leftoversOf(host)).toEqual({ links: [], mounts: [], files: [] });
    expect(hostLinks().map((link) => link.ifname)).not.toContain(endpoint.hostName);
  });

  test('a network connect that fails half-way (a gateway off its subnet) leaves the namespace as it was', async () => {
    const { host, containerId, subnet } = links();
    const [front, back] = [await testBridge(), await testBridge()];
    const first = endpointOn(front, 2, 0);
    const clash = { ...endpointOn(back, 2, 1, false), defaultGateway: subnet().gateway };
    const id = containerId();
    try {
      const path = await createNetworkNamespace(host, id, [first]);
      await expect(attachEndpoint(host, path, clash)).rejects.toMatchObject({ code: 'NETWORK_ENDPOINT_FAILED', message: expect.stringContaining(`via ${clash.defaultGateway}`) });
      const inside = await ipJsonIn<IpAddress[]>(path, ['link', 'show']);
      expect(inside.map((link) => link.ifname)).toEqual(['lo', 'eth0']);
      expect(hostLinks().map((link) => link.ifname)).not.toContain(clash.hostName);
    } finally {
      await removeNetworkNamespace(host, id, [first.hostName]);
      await front.remove();
      await back.remove();
    }
  });

  test('a host end name that is already taken on the host is a conflict, and the taken link stays', async () => {
    const { host, containerId } = links();
    const bridge = await testBridge();
    const [first, second] = [endpointOn(bridge, 2, 0), endpointOn(bridge, 3, 0)];
    const [a, b] = [containerId(), containerId()];
    try {
      await createNetworkNamespace(host, a, [first]);
      await expect(createNetworkNamespace(host, b, [{ ...second, hostName: first.hostName }])).rejects.toMatchObject({ kind: 'conflict' });
      expect(hostLinks().find((link) => link.ifname === first.hostName)?.master).toBe(bridge.name);
    } finally {
      await removeNetworkNamespace(host, a, [first.hostName]);
      await bridge.remove();
    }
  });
});
