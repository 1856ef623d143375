import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  containerInterfaceName,
  createNetworkNamespace,
  deleteBridge,
  ensureBridge,
  linkHost,
  listNamespaceFiles,
  newVethName,
  removeNetworkNamespace,
  repairLinks,
  type EndpointSpec,
} from '../../../src/network/links/index.js';
import { macAddressFor } from '../../../src/network/ipam/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { hostLinks, leftoversOf, pings, useLinksFixture, type TestSubnet } from './links-fixture.js';

const links = useLinksFixture();

function endpoint(bridge: string, subnet: TestSubnet, hostNumber: number): EndpointSpec {
  const address = subnet.address(hostNumber);
  return { hostName: newVethName(), containerName: containerInterfaceName(0), bridge, macAddress: macAddressFor(address), address, prefixLength: subnet.prefixLength, defaultGateway: subnet.gateway };
}

describeAsRoot('repair after a crash', () => {
  test('removes the bridge, veth and namespace the state no longer names, keeps the ones it does, and the kept ones still work', async () => {
    const { host, bridgeName, subnet, containerId } = links();
    const [keptBridge, strayBridge] = [bridgeName(), bridgeName()];
    const [keptNet, strayNet] = [subnet(), subnet()];
    await ensureBridge(host, { name: keptBridge, gateway: keptNet.gateway, prefixLength: 24 });
    await ensureBridge(host, { name: strayBridge, gateway: strayNet.gateway, prefixLength: 24 });
    const [keptId, strayId, strayOnKeptId] = [containerId(), containerId(), containerId()];
    const kept = endpoint(keptBridge, keptNet, 2);
    const stray = endpoint(strayBridge, strayNet, 2);
    const strayOnKept = endpoint(keptBridge, keptNet, 3);
    const keptPath = await createNetworkNamespace(host, keptId, [kept]);
    await createNetworkNamespace(host, strayId, [stray]);
    await createNetworkNamespace(host, strayOnKeptId, [strayOnKept]);
    // A crash between creating a namespace file and mounting a namespace on it leaves an empty file.
    writeFileSync(join(host.namespaceDirectory, 'half-made'), '');
    try {
      const report = await repairLinks(host, { namespaces: new Set([keptId]), bridges: new Set([keptBridge]), endpoints: new Set([kept.hostName]) });
      expect(report).toEqual({
        endpoints: [stray.hostName, strayOnKept.hostName].sort(),
        namespaces: ['half-made', strayId, strayOnKeptId].sort(),
        bridges: [strayBridge],
      });
      expect(leftoversOf(host, [strayBridge]).links).toEqual([keptBridge, kept.hostName].sort());
      expect((await listNamespaceFiles(host)).map((file) => file.id)).toEqual([keptId]);
      expect(await pings(keptPath, keptNet.gateway)).toBe(true);
    } finally {
      await removeNetworkNamespace(host, keptId, [kept.hostName]);
      await deleteBridge(host, keptBridge);
    }
  });

  test("leaves alone a bridge and veth berth did not make, and another berth engine's, even on an empty state", async () => {
    const { host, bridgeName, subnet, containerId } = links();
    const foreign = bridgeName();
    const [foreignVeth, foreignPeer] = [newVethName(), newVethName()];
    execFileSync('ip', ['link', 'add', foreign, 'type', 'bridge']);
    execFileSync('ip', ['link', 'add', foreignVeth, 'master', foreign, 'type', 'veth', 'peer', 'name', foreignPeer]);
    const otherRun = mkdtempSync('/tmp/berth-links-other-');
    const other = linkHost(otherRun);
    const otherBridge = bridgeName();
    const otherNet = subnet();
    await ensureBridge(other, { name: otherBridge, gateway: otherNet.gateway, prefixLength: 24 });
    const ours = bridgeName();
    const ourNet = subnet();
    await ensureBridge(host, { name: ours, gateway: ourNet.gateway, prefixLength: 24 });
    await createNetworkNamespace(host, containerId(), [endpoint(ours, ourNet, 2)]);
    try {
      const report = await repairLinks(host, { namespaces: new Set(), bridges: new Set(), endpoints: new Set() });
      expect(report.bridges).toEqual([ours]);
      const names = hostLinks().map((link) => link.ifname);
      expect(names).toEqual(expect.arrayContaining([foreign, foreignVeth, foreignPeer, otherBridge]));
      expect(names).not.toContain(ours);
      expect(hostLinks().find((link) => link.ifname === foreignVeth)?.master).toBe(foreign);
    } finally {
      execFileSync('ip', ['link', 'delete', foreignVeth]);
      execFileSync('ip', ['link', 'delete', foreign]);
      await deleteBridge(other, otherBridge);
      rmSync(otherRun, { recursive: true, force: true });
    }
  });
});
