import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';
import { macAddressFor } from '../../../../src/network/ipam/index.js';
import { resolvConf } from '../../../../src/runtime/containers/etc-files/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { berthErrorOfAsync } from '../../../helpers/error-of.js';
import { eventually, useEngine } from './engine-fixture.js';

/** A busybox httpd on port 80 answering `hello from NAME`. */
const httpd = (name: string): string[] => ['sh', '-c', `mkdir -p /www && echo hello from ${name} > /www/index.html && exec httpd -f -p 80 -h /www`];

describeAsRoot('containers on their networks, as Docker puts them there', () => {
  const fixture = useEngine();

  /** Creates and starts a container; the request's Image is filled in. */
  async function run(name: string, request: Omit<ContainerCreateRequest, 'Image'>): Promise<string> {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), ...request }, name);
    await engine.start(Id);
    return Id;
  }

  async function sh(id: string, script: string): Promise<{ exitCode: number; output: string }> {
    const result = await fixture.engine().exec(id, { Cmd: ['sh', '-c', script] });
    return { exitCode: result.exitCode, output: result.stdout + result.stderr };
  }

  const addressOf = (id: string, network: string): string => fixture.engine().inspect(id).NetworkSettings.Networks[network]?.IPAddress ?? '';

  /** Waits for the busybox httpd in `id` to answer inside its own namespace. */
  const served = (id: string): Promise<unknown> => eventually(async () => (await sh(id, 'wget -qO- http://127.0.0.1/')).exitCode === 0, 'the httpd');

  it('lets two containers on a user-defined network reach each other by name and by alias, and resolve each other', async () => {
    await fixture.networks().create({ Name: 'shop' });
    const db = await run('shop-db-1', { Cmd: httpd('db'), HostConfig: { NetworkMode: 'shop' }, NetworkingConfig: { EndpointsConfig: { shop: { Aliases: ['database'] } } } });
    const web = await run('shop-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true } });
    await served(db);

    for (const name of ['shop-db-1', 'database', db.slice(0, 12)]) {
      const lookup = await sh(web, `nslookup ${name}`);
      expect(lookup.exitCode, lookup.output).toBe(0);
      expect(lookup.output).toContain(`Address: ${addressOf(db, 'shop')}`);
      // Through the C library's resolver (busybox-static's wget crashes in it, so nc and ping).
      expect(await sh(web, `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc ${name} 80 | tail -n 1`)).toEqual({ exitCode: 0, output: 'hello from db\n' });
      expect((await sh(web, `ping -c 1 -W 2 ${name}`)).output).toContain(`bytes from ${addressOf(db, 'shop')}`);
    }
  });

  it('keeps a container on another network from resolving or reaching them', async () => {
    await fixture.networks().create({ Name: 'shop' });
    await fixture.networks().create({ Name: 'other' });
    const db = await run('shop-db-1', { Cmd: httpd('db'), HostConfig: { NetworkMode: 'shop' } });
    const outsider = await run('other-app-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'other', Init: true } });
    await served(db);

    const lookup = await sh(outsider, 'nslookup shop-db-1');
    expect(lookup.exitCode).not.toBe(0);
    expect(lookup.output).not.toContain(addressOf(db, 'shop'));
    expect((await sh(outsider, `wget -qO- -T 1 http://${addressOf(db, 'shop')}/`)).exitCode).not.toBe(0);
  });

  it("takes a stopped container's name out of the resolver, and gives it back at its next start", async () => {
    await fixture.networks().create({ Name: 'shop' });
    const db = await run('shop-db-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true } });
    const web = await run('shop-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true } });
    expect((await sh(web, 'nslookup shop-db-1')).exitCode).toBe(0);

    await fixture.engine().stop(db);
    expect((await sh(web, 'nslookup shop-db-1')).exitCode).not.toBe(0);
    expect(fixture.networks().inspect('shop').Containers).not.toHaveProperty(db);

    await fixture.engine().start(db);
    const lookup = await sh(web, 'nslookup shop-db-1');
    expect(lookup.output).toContain(`Address: ${addressOf(db, 'shop')}`);
  });

  it('shows the address, gateway and MAC address in inspect as the container has them, and /etc files as Docker writes them', async () => {
    await fixture.networks().create({ Name: 'shop' });
    const network = fixture.networks().inspect('shop');
    const [ipam] = network.IPAM.Config ?? [];
    const id = await run('shop-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true }, NetworkingConfig: { EndpointsConfig: { shop: { Aliases: ['web'] } } } });

    const settings = fixture.engine().inspect(id).NetworkSettings;
    const endpoint = settings.Networks.shop!;
    expect(endpoint).toMatchObject({ NetworkID: network.Id, Gateway: ipam?.Gateway, IPPrefixLen: 24, Aliases: ['web', id.slice(0, 12)], MacAddress: macAddressFor(endpoint.IPAddress!) });
    expect(endpoint.EndpointID).toMatch(/^[0-9a-f]{64}$/);
    expect(settings.SandboxKey).toBe(`${fixture.root}/run/netns/${id}`);
    expect((await sh(id, 'ip -o -4 addr show eth0')).output).toContain(`inet ${endpoint.IPAddress}/24`);
    expect((await sh(id, 'cat /sys/class/net/eth0/address')).output).toBe(`${endpoint.MacAddress}\n`);
    expect((await sh(id, 'ip route')).output).toContain(`default via ${endpoint.Gateway} dev eth0`);
    expect((await sh(id, 'tail -n 1 /etc/hosts')).output).toBe(`${endpoint.IPAddress}\t${id.slice(0, 12)}\n`);
    expect((await sh(id, 'cat /etc/resolv.conf')).output).toBe(resolvConf({ host: readFileSync('/etc/resolv.conf', 'utf8'), resolver: endpoint.Gateway! }));
    expect(fixture.networks().inspect('shop').Containers[id]).toMatchObject({ Name: 'shop-web-1', IPv4Address: `${endpoint.IPAddress}/24`, MacAddress: endpoint.MacAddress });

    // Stopped, it keeps its networks with their id and aliases, without what only a running container has.
    await fixture.engine().stop(id);
    const stopped = fixture.engine().inspect(id).NetworkSettings;
    expect(stopped).toMatchObject({ SandboxKey: '', Ports: {}, IPAddress: '' });
    expect(stopped.Networks.shop).toMatchObject({ NetworkID: network.Id, Aliases: ['web', id.slice(0, 12)], EndpointID: '', IPAddress: '', Gateway: '', MacAddress: '' });
  });

  it("puts a container of the default mode on the default bridge, without service names, with the host's resolv.conf", async () => {
    const id = await run('plain-1', { Cmd: ['sleep', '1000'], HostConfig: { Init: true } });
    const bridge = fixture.networks().inspect('bridge');
    const settings = fixture.engine().inspect(id).NetworkSettings;
    expect(settings.Networks.bridge).toMatchObject({ NetworkID: bridge.Id, Gateway: bridge.IPAM.Config?.[0]?.Gateway, Aliases: null });
    expect(settings.IPAddress).toBe(settings.Networks.bridge?.IPAddress);
    expect((await sh(id, 'cat /etc/resolv.conf')).output).toBe(resolvConf({ host: readFileSync('/etc/resolv.conf', 'utf8') }));
    expect(fixture.networks().resolver.listening().map((listener) => listener.networkId)).not.toContain(bridge.Id);
  });

  it('gives `none` a namespace with lo alone, `host` the host namespace, and `container:` the other container namespace', async () => {
    const hostNamespace = readlinkSync('/proc/self/ns/net');
    const none = await run('alone-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'none', Init: true } });
    const host = await run('host-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'host', Init: true } });
    const owner = await run('owner-1', { Cmd: ['sleep', '1000'], HostConfig: { Init: true } });
    const guest = await run('guest-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: `container:${owner}`, Init: true } });

    expect((await sh(none, "ip -o link | awk -F': ' '{print $2}'")).output).toBe('lo\n');
    expect((await sh(none, 'readlink /proc/self/ns/net')).output).not.toBe(`${hostNamespace}\n`);
    expect(fixture.engine().inspect(none).NetworkSettings.Networks.none).toMatchObject({ IPAddress: '', EndpointID: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await sh(host, 'readlink /proc/self/ns/net')).output).toBe(`${hostNamespace}\n`);
    expect(fixture.engine().inspect(host).NetworkSettings).toMatchObject({ SandboxKey: '', Networks: { host: { IPAddress: '' } } });
    expect((await sh(guest, 'readlink /proc/self/ns/net')).output).toBe((await sh(owner, 'readlink /proc/self/ns/net')).output);
    expect(fixture.engine().inspect(guest).NetworkSettings.Networks).toEqual({});
    const published = await fixture.engine().create({ Image: await fixture.image('busybox'), HostConfig: { NetworkMode: 'host', PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } });
    expect(published.Warnings).toEqual(['Published ports are discarded when using host network mode']);
  });

  it('publishes a port on 127.0.0.1 with a host port of its choosing, shown in inspect and reachable from the host', async () => {
    await fixture.networks().create({ Name: 'shop' });
    const id = await run('shop-web-1', { Cmd: httpd('web'), ExposedPorts: { '80/tcp': {}, '81/tcp': {} }, HostConfig: { NetworkMode: 'shop', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } });
    await served(id);

    const ports = fixture.engine().inspect(id).NetworkSettings.Ports;
    const hostPort = ports['80/tcp']?.[0]?.HostPort ?? '';
    expect(ports).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: hostPort }], '81/tcp': null });
    expect(Number(hostPort)).toBeGreaterThan(0);
    expect(await (await fetch(`http://127.0.0.1:${hostPort}/`)).text()).toBe('hello from web\n');
    expect(fixture.engine().list()[0]?.Ports).toEqual([
      { IP: '127.0.0.1', PrivatePort: 80, PublicPort: Number(hostPort), Type: 'tcp' },
      { PrivatePort: 81, Type: 'tcp' },
    ]);
  });

  it('connects a running container to one more network as eth1 with its names there, and disconnects it again', async () => {
    await fixture.networks().create({ Name: 'front' });
    await fixture.networks().create({ Name: 'back' });
    const db = await run('back-db-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'back', Init: true } });
    const web = await run('front-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'front', Init: true } });
    expect((await sh(web, 'nslookup back-db-1')).exitCode).not.toBe(0);

    await fixture.engine().connectNetwork(web, 'back', { Aliases: ['api'] });
    const address = addressOf(web, 'back');
    expect((await sh(web, 'ip -o -4 addr show eth1')).output).toContain(`inet ${address}/24`);
    expect((await sh(web, 'nslookup back-db-1')).output).toContain(`Address: ${addressOf(db, 'back')}`);
    expect((await sh(db, 'nslookup api')).output).toContain(`Address: ${address}`);
    expect((await sh(web, 'grep -c "$(hostname)" /etc/hosts')).output).toBe('2\n');

    await fixture.engine().disconnectNetwork(web, 'back');
    expect((await sh(web, 'ip -o link show eth1')).exitCode).not.toBe(0);
    expect((await sh(db, 'nslookup api')).exitCode).not.toBe(0);
    expect((await sh(web, 'grep -c "$(hostname)" /etc/hosts')).output).toBe('1\n');
    expect(Object.keys(fixture.engine().inspect(web).NetworkSettings.Networks)).toEqual(['front']);

    // A container that does not run joins at its next start.
    const { Id: later } = await fixture.engine().create({ Image: await fixture.image('busybox'), HostConfig: { NetworkMode: 'front' } });
    await fixture.engine().connectNetwork(later, 'back');
    expect(Object.keys(fixture.engine().inspect(later).NetworkSettings.Networks)).toEqual(['front', 'back']);
  });

  it('refuses to remove a network while a container runs on it, and leaves nothing of it once removed', async () => {
    const { Id: networkId } = await fixture.networks().create({ Name: 'shop' });
    const bridge = `br-${networkId.slice(0, 12)}`;
    const id = await run('shop-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true } });

    expect((await berthErrorOfAsync(() => fixture.networks().remove('shop'))).message).toBe(`error while removing network: network shop id ${networkId} has active endpoints`);
    await fixture.engine().remove(id, { force: true });
    await fixture.networks().remove('shop');

    expect(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })).not.toContain(`"${bridge}"`);
    expect(fixture.networks().resolver.listening().map((listener) => listener.networkId)).not.toContain(networkId);
    expect(execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).not.toContain(`net=${bridge}`);
  });

  it('refuses a network that does not exist with Docker\'s text, at create and at a start after its removal', async () => {
    const image = await fixture.image('busybox');
    expect((await berthErrorOfAsync(() => fixture.engine().create({ Image: image, HostConfig: { NetworkMode: 'nosuch' } }))).message).toBe('network nosuch not found');

    await fixture.networks().create({ Name: 'gone' });
    const { Id } = await fixture.engine().create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'gone' } });
    await fixture.networks().remove('gone');
    expect((await berthErrorOfAsync(() => fixture.engine().start(Id))).message).toBe('network gone not found');
    expect(fixture.engine().inspect(Id).State).toMatchObject({ Status: 'created', Error: 'network gone not found', ExitCode: 128 });
  });

  it('keeps a running container on its networks across an engine restart, and detaches one that ended meanwhile', async () => {
    await fixture.networks().create({ Name: 'shop' });
    const db = await run('shop-db-1', { Cmd: httpd('db'), HostConfig: { NetworkMode: 'shop', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1' }] } } });
    const ended = await run('shop-cache-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop' } });
    await served(db);
    const hostPort = fixture.engine().inspect(db).NetworkSettings.Ports['80/tcp']?.[0]?.HostPort;
    const pid = fixture.engine().inspect(ended).State.Pid;

    fixture.engine().close();
    process.kill(pid, 'SIGKILL');
    const engine = await fixture.reopen();

    await eventually(() => engine.inspect(ended).State.Status === 'exited', 'the exit recorded');
    expect(engine.inspect(ended).State.ExitCode).toBe(137);
    expect(fixture.networks().inspect('shop').Containers).not.toHaveProperty(ended);
    expect(engine.inspect(db).NetworkSettings.Ports['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: hostPort }]);
    expect(await (await fetch(`http://127.0.0.1:${hostPort}/`)).text()).toBe('hello from db\n');
    const web = await run('shop-web-1', { Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'shop', Init: true } });
    expect((await sh(web, 'nslookup shop-db-1')).output).toContain(`Address: ${addressOf(db, 'shop')}`);
    expect((await sh(web, 'nslookup shop-cache-1')).exitCode).not.toBe(0);
  });
});
