import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createNetworkNamespace, linkHost, runInNamespace } from '../../../src/network/links/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { berthErrorOfAsync } from '../../helpers/error-of.js';
import { chainLines, container, hostLinkNames, markedLinks, useNetworkService } from './service-fixture.js';

/** The IPv4 addresses and routes inside a namespace, as `ip` prints them. */
async function insideView(path: string): Promise<string> {
  const addresses = await runInNamespace(path, ['ip', '-o', '-4', 'address', 'show']);
  const routes = await runInNamespace(path, ['ip', 'route', 'show']);
  return `${addresses.stdout}${routes.stdout}`;
}

/** A TCP server holding a port on 127.0.0.1. */
async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describeAsRoot('the network service', () => {
  const fixture = useNetworkService();

  it("sets up a network's bridge, rules and resolver at create, and takes all of them down at remove", async () => {
    const service = fixture.service();
    const { Id } = await service.create({ Name: 'shop' });
    const bridge = `br-${Id.slice(0, 12)}`;
    const gateway = service.inspect('shop').IPAM.Config?.[0]?.Gateway ?? '';

    expect(markedLinks(fixture.runDirectory)).toContain(bridge);
    expect(execFileSync('ip', ['-o', '-4', 'address', 'show', 'dev', bridge], { encoding: 'utf8' })).toContain(`inet ${gateway}/24`);
    expect(service.resolver.listening()).toEqual([{ networkId: Id, address: gateway, port: 53 }]);
    expect(chainLines(fixture.chainPrefix).filter((line) => line.includes(`net=${bridge}`)).length).toBeGreaterThan(0);

    await service.remove('shop');
    expect(hostLinkNames()).not.toContain(bridge);
    expect(service.resolver.listening()).toEqual([]);
    expect(chainLines(fixture.chainPrefix).filter((line) => line.includes(`net=${bridge}`))).toEqual([]);
    expect(service.list().map((network) => network.Name)).not.toContain('shop');
  });

  it('undoes a create whose bridge cannot be made: no network, and the interface in the way untouched', async () => {
    const foreign = `bt-${fixture.chainPrefix.slice(2, 10).toLowerCase()}`;
    // A bridge berth did not make, as a dockerd's would be.
    execFileSync('ip', ['link', 'add', foreign, 'type', 'bridge']);
    try {
      const error = await berthErrorOfAsync(() => fixture.service().create({ Name: 'shop', Options: { 'com.docker.network.bridge.name': foreign } }));
      expect(error).toMatchObject({ code: 'NETWORK_BRIDGE_NOT_OURS', kind: 'conflict' });
      expect(fixture.service().list().map((network) => network.Name)).not.toContain('shop');
      expect(fixture.service().resolver.listening()).toEqual([]);
      expect(execFileSync('ip', ['-o', '-4', 'address', 'show', 'dev', foreign], { encoding: 'utf8' })).toBe('');
      expect(hostLinkNames()).toContain(foreign);
    } finally {
      execFileSync('ip', ['link', 'delete', foreign]);
    }
  });

  it("makes the default bridge's device at its first container, and gives the container eth0 with its address and default route", async () => {
    const service = fixture.service();
    expect(hostLinkNames()).not.toContain(fixture.defaultBridge);
    const web = container();

    const attachment = await service.attach(web);
    const endpoint = attachment.networks.bridge!;
    expect(hostLinkNames()).toContain(fixture.defaultBridge);
    expect(attachment).toMatchObject({ namespace: { path: join(fixture.runDirectory, 'netns', web.id) }, addresses: [endpoint.IPAddress], ports: {} });
    expect(attachment.resolver).toBeUndefined();
    const path = (attachment.namespace as { path: string }).path;
    const inside = await insideView(path);
    expect(inside).toContain(`eth0    inet ${endpoint.IPAddress}/24`);
    expect(inside).toContain(`default via ${endpoint.Gateway} dev eth0`);

    await service.detach(web.id);
    expect(existsSync(path)).toBe(false);
    expect(service.attachment(web.id)).toBeUndefined();
    expect(service.inspect('bridge').Containers).toEqual({});
  });

  it('puts a container on each of its networks, eth0 on the first with the default route, eth1 on the next', async () => {
    const service = fixture.service();
    await service.create({ Name: 'front' });
    await service.create({ Name: 'back', Internal: true });
    const app = container({ networkMode: 'front', endpoints: { back: { Aliases: ['api'] }, front: {} } });

    const attachment = await service.attach(app);
    expect(Object.keys(attachment.networks)).toEqual(['front', 'back']);
    const [front, back] = [attachment.networks.front!, attachment.networks.back!];
    expect(attachment.addresses).toEqual([front.IPAddress, back.IPAddress]);
    expect(attachment.resolver).toBe(front.Gateway);
    expect(back.Aliases).toEqual(['api', app.id.slice(0, 12)]);
    const inside = await insideView((attachment.namespace as { path: string }).path);
    expect(inside).toContain(`eth0    inet ${front.IPAddress}/24`);
    expect(inside).toContain(`eth1    inet ${back.IPAddress}/24`);
    expect(inside).toContain(`default via ${front.Gateway} dev eth0`);
    expect(service.resolver.names.endpoints().map((entry) => [entry.networkName, entry.ipv4])).toEqual([
      ['front', front.IPAddress],
      ['back', back.IPAddress],
    ]);
  });

  it('takes back everything a start made when a published port is taken on the host', async () => {
    const service = fixture.service();
    await service.create({ Name: 'shop' });
    const { server, port } = await holdPort();
    try {
      const web = container({ networkMode: 'shop', portBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] }, exposedPorts: ['80/tcp'] });
      const error = await berthErrorOfAsync(() => service.attach(web));
      expect(error.message).toBe(`Bind for 127.0.0.1:${port} failed: port is already allocated`);
      expect(service.attachment(web.id)).toBeUndefined();
      expect(service.inspect('shop').Containers).toEqual({});
      expect(service.resolver.names.endpoints()).toEqual([]);
      expect(markedLinks(fixture.runDirectory).filter((name) => name.startsWith('veth'))).toEqual([]);
      expect(existsSync(join(fixture.runDirectory, 'netns', web.id))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('repairs at open what a crash left, and detaches at recovery a container that no longer runs', async () => {
    await fixture.service().create({ Name: 'shop' });
    const gone = container({ networkMode: 'shop', portBindings: { '80/tcp': [{ HostIp: '127.0.0.1' }] }, exposedPorts: ['80/tcp'] });
    const kept = container({ networkMode: 'shop' });
    await fixture.service().attach(gone);
    const { networks } = await fixture.service().attach(kept);
    // A namespace no state names: what a crash between its making and its links file would leave.
    const stray = container();
    await createNetworkNamespace(linkHost(fixture.runDirectory), stray.id);

    const service = await fixture.reopen();
    expect(existsSync(join(fixture.runDirectory, 'netns', stray.id))).toBe(false);
    await service.recover([kept]);

    expect(Object.keys(service.inspect('shop').Containers)).toEqual([kept.id]);
    expect(existsSync(join(fixture.runDirectory, 'netns', gone.id))).toBe(false);
    expect(chainLines(fixture.chainPrefix).filter((line) => line.includes(`ctr=${gone.id}`))).toEqual([]);
    expect(service.attachment(kept.id)?.networks).toEqual(networks);
    expect(service.resolver.names.endpoints().map((entry) => entry.containerId)).toEqual([kept.id]);
  });

  it('refuses `none` or `host` beside another network, and a network that does not exist, with Docker\'s texts', async () => {
    const service = fixture.service();
    expect(() => service.check(container({ networkMode: 'nosuch' }))).toThrow('network nosuch not found');
    expect(() => service.check(container({ networkMode: 'none', endpoints: { none: {}, bridge: {} } }))).toThrow(
      'container cannot be connected to multiple networks with one of the networks in private (none) mode',
    );
    expect(() => service.check(container({ networkMode: 'host', endpoints: { host: {}, bridge: {} } }))).toThrow(
      'container sharing network namespace with another container or host cannot be connected to any other network',
    );
  });
});
