import { describe, expect, it } from 'vitest';
import { endpointSettings } from '../../../src/network/records/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { containerId, openRecords } from './records-fixtures.js';

const anEndpointId = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('network records: endpoints', () => {
  it("give a container the next address, Docker's MAC for it and its short id as an alias, shown by inspect as Docker shows them", async () => {
    const { records } = await openRecords();
    const { Id } = await records.create({ Name: 'shop_default' });
    const { network, endpoint } = records.connect('shop_default', { containerId: containerId(1), containerName: '/shop-web-1', config: { Aliases: ['web'] } });
    expect(endpoint).toEqual({
      containerId: containerId(1),
      containerName: 'shop-web-1',
      endpointId: anEndpointId,
      macAddress: '02:42:ac:12:00:02',
      ipv4Address: '172.18.0.2',
      aliases: ['web', containerId(1).slice(0, 12)],
      ipamConfig: null,
      links: null,
      driverOpts: null,
    });
    expect(records.inspect('shop_default').Containers).toEqual({
      [containerId(1)]: { Name: 'shop-web-1', EndpointID: endpoint.endpointId, MacAddress: '02:42:ac:12:00:02', IPv4Address: '172.18.0.2/16', IPv6Address: '' },
    });
    expect(endpointSettings(network, endpoint)).toEqual({
      IPAMConfig: null,
      Links: null,
      Aliases: ['web', containerId(1).slice(0, 12)],
      NetworkID: Id,
      EndpointID: endpoint.endpointId,
      Gateway: '172.18.0.1',
      IPAddress: '172.18.0.2',
      IPPrefixLen: 16,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      MacAddress: '02:42:ac:12:00:02',
      DriverOpts: null,
    });
  });

  it('hand the lowest free address to the next container, a departed one\'s included, as Docker does', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'n' });
    const address = (n: number) => records.connect('n', { containerId: containerId(n), containerName: `/c${n}` }).endpoint.ipv4Address;
    expect([address(1), address(2), address(3)]).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    records.disconnect('n', containerId(2));
    expect([address(4), address(5)]).toEqual(['172.18.0.3', '172.18.0.5']);
  });

  it('give a fixed ipv4_address on a network whose subnet the user gave, and keep the IPAMConfig', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'fixed', IPAM: { Config: [{ Subnet: '10.215.104.0/24', IPRange: '10.215.104.128/25' }] } });
    const { endpoint } = records.connect('fixed', { containerId: containerId(1), containerName: '/db', config: { IPAMConfig: { IPv4Address: '10.215.104.9' } } });
    expect(endpoint).toMatchObject({ ipv4Address: '10.215.104.9', macAddress: '02:42:0a:d7:68:09', ipamConfig: { IPv4Address: '10.215.104.9' } });
    expect(records.connect('fixed', { containerId: containerId(2), containerName: '/web' }).endpoint.ipv4Address).toBe('10.215.104.129');
  });

  it.each([
    ['bridge', { IPAMConfig: { IPv4Address: '172.17.0.9' } }, 'user specified IP address is supported on user defined networks only'],
    ['auto', { IPAMConfig: { IPv4Address: '172.18.0.9' } }, 'user specified IP address is supported only when connecting to networks with user configured subnets'],
    ['fixed', { IPAMConfig: { IPv4Address: '10.215.105.50' } }, "Invalid address 10.215.105.50: It does not belong to any of this network's subnets"],
    ['fixed', { IPAMConfig: { IPv4Address: '10.215.104.1' } }, 'Address already in use'],
    ['fixed', { IPAMConfig: { IPv4Address: '10.215.104.2' } }, 'Address already in use'],
    ['fixed', { IPAMConfig: { IPv4Address: 'bogus' } }, 'invalid IPv4 address: bogus'],
    ['fixed', { IPAMConfig: { IPv6Address: 'fd00::9' } }, "ipv6_address fd00::9: berth's engine has no IPv6 networks yet"],
    ['bridge', { Aliases: ['web'] }, 'network-scoped alias is supported only for containers in user defined networks'],
    ['host', { Aliases: ['web'] }, 'network-scoped alias is supported only for containers in user defined networks'],
  ])("refuse on network %s the settings %j with Docker's text", async (name, config, message) => {
    const { records } = await openRecords();
    await records.create({ Name: 'auto' });
    await records.create({ Name: 'fixed', IPAM: { Config: [{ Subnet: '10.215.104.0/24', AuxiliaryAddresses: { router: '10.215.104.2' } }] } });
    expect(berthErrorOf(() => records.connect(name, { containerId: containerId(1), containerName: '/c1', config })).message).toBe(message);
    expect(records.inspect(name).Containers).toEqual({});
  });

  it('refuse an address another container has', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'fixed', IPAM: { Config: [{ Subnet: '10.215.104.0/24' }] } });
    const config = { IPAMConfig: { IPv4Address: '10.215.104.50' } };
    records.connect('fixed', { containerId: containerId(1), containerName: '/c1', config });
    expect(berthErrorOf(() => records.connect('fixed', { containerId: containerId(2), containerName: '/c2', config })).message).toBe('Address already in use');
  });

  it("refuse to connect a container twice and to disconnect one that is not there, with Docker's texts", async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'n3' });
    records.connect('n3', { containerId: containerId(1), containerName: '/ca' });
    expect(berthErrorOf(() => records.connect('n3', { containerId: containerId(1), containerName: '/ca' })).message).toBe('endpoint with name ca already exists in network n3');
    expect(berthErrorOf(() => records.disconnect('bridge', containerId(1))).message).toBe(`container ${containerId(1)} is not connected to network bridge`);
  });

  it('on the default bridge, get an address and no alias; on host and none, no address at all', async () => {
    const { records } = await openRecords();
    expect(records.connect('bridge', { containerId: containerId(1), containerName: '/c1' }).endpoint).toMatchObject({ ipv4Address: '172.17.0.2', macAddress: '02:42:ac:11:00:02', aliases: null });
    const { network, endpoint } = records.connect('host', { containerId: containerId(2), containerName: '/c2' });
    expect(endpoint).toMatchObject({ ipv4Address: '', macAddress: '', aliases: null });
    expect(records.inspect('host').Containers[containerId(2)]).toEqual({ Name: 'c2', EndpointID: endpoint.endpointId, MacAddress: '', IPv4Address: '', IPv6Address: '' });
    expect(endpointSettings(network, endpoint)).toMatchObject({ Gateway: '', IPAddress: '', IPPrefixLen: 0, MacAddress: '' });
  });

  it("take the container's own MAC address when it has one, and do not add its short id twice", async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'n' });
    const shortId = containerId(1).slice(0, 12);
    const { endpoint } = records.connect('n', { containerId: containerId(1), containerName: '/c1', macAddress: '02:42:00:00:00:99', config: { Aliases: [shortId, 'a'] } });
    expect(endpoint).toMatchObject({ macAddress: '02:42:00:00:00:99', aliases: [shortId, 'a'] });
  });

  it('are all taken off at once when a container stops, network by network', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'front' });
    await records.create({ Name: 'back' });
    for (const name of ['front', 'back', 'bridge']) records.connect(name, { containerId: containerId(1), containerName: '/c1' });
    records.connect('front', { containerId: containerId(2), containerName: '/c2' });
    expect(records.endpointsOf(containerId(1)).map(({ network }) => network.Name)).toEqual(['back', 'bridge', 'front']);
    expect(records.release(containerId(1)).map(({ network, endpoint }) => `${network.Name} ${endpoint.ipv4Address}`)).toEqual(['back 172.19.0.2', 'bridge 172.17.0.2', 'front 172.18.0.2']);
    expect(records.endpointsOf(containerId(1))).toEqual([]);
    expect(Object.keys(records.inspect('front').Containers)).toEqual([containerId(2)]);
  });
});
