import { describe, expect, it } from 'vitest';
import type { NetworkCreateRequest } from '../../../src/api/types/networks.js';
import { bridgeSettings } from '../../../src/network/records/index.js';
import { openRecords, rejection, routes } from './records-fixtures.js';

const anId = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('network records: the predefined networks', () => {
  it('are bridge, host and none from the first start, shown as Docker 20.10 shows its own (bridge on berth0)', async () => {
    const { records } = await openRecords();
    expect(records.list().map((network) => network.Name)).toEqual(['bridge', 'host', 'none']);
    expect(records.inspect('bridge')).toEqual({
      Name: 'bridge',
      Id: anId,
      Created: '2026-11-23T16:00:00Z',
      Scope: 'local',
      Driver: 'bridge',
      EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: {},
      Options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'berth0',
        'com.docker.network.driver.mtu': '1500',
      },
      Labels: {},
    });
    for (const [name, driver] of [['host', 'host'], ['none', 'null']]) {
      expect(records.inspect(name!)).toMatchObject({ Name: name, Driver: driver, IPAM: { Driver: 'default', Options: null, Config: [] }, Options: {}, Labels: {}, Containers: {} });
    }
    expect(records.find('bridge').bridge).toBe('berth0');
  });

  it("put the default bridge on the first pool subnet the host does not route (a dockerd's docker0 has 172.17)", async () => {
    const { records } = await openRecords({ hostRoutes: routes('172.17.0.0/16 docker0') });
    expect(records.find('bridge').addressing).toEqual({ subnet: '172.18.0.0/16', range: '172.18.0.0/16', gateway: '172.18.0.1', auxiliary: {}, userSubnet: false });
    await records.create({ Name: 'web' });
    expect(records.find('web').addressing?.subnet).toBe('172.19.0.0/16');
  });
});

describe('network records: create', () => {
  it('makes a bridge network on the next free pool subnet, shown as Docker shows it', async () => {
    const { records } = await openRecords();
    const { Id, Warning } = await records.create({ Name: 'shop_default', CheckDuplicate: true, Labels: { 'com.docker.compose.project': 'shop' } });
    expect(Warning).toBe('');
    expect(records.inspect('shop_default')).toEqual({
      Name: 'shop_default',
      Id,
      Created: '2026-11-23T16:00:00Z',
      Scope: 'local',
      Driver: 'bridge',
      EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: {},
      Options: {},
      Labels: { 'com.docker.compose.project': 'shop' },
    });
    expect(records.find(Id).bridge).toBe(`br-${Id.slice(0, 12)}`);
  });

  it('hands out pool subnets in rotation, so a freed one is not given again until the list comes round or the engine restarts', async () => {
    const { records, state } = await openRecords();
    const subnetOf = (name: string) => records.find(name).addressing?.subnet;
    await records.create({ Name: 'a' });
    await records.create({ Name: 'b' });
    records.remove('a');
    await records.create({ Name: 'c' });
    expect([subnetOf('b'), subnetOf('c')]).toEqual(['172.19.0.0/16', '172.20.0.0/16']);
    const { records: restarted } = await openRecords({ state });
    await restarted.create({ Name: 'd' });
    expect(restarted.find('d').addressing?.subnet).toBe('172.18.0.0/16');
  });

  it('skips pool subnets the host routes through its own interfaces', async () => {
    const { records } = await openRecords({ hostRoutes: routes('172.18.0.0/16 eth0', '172.19.3.0/24 tun0') });
    await records.create({ Name: 'web' });
    expect(records.find('web').addressing?.subnet).toBe('172.20.0.0/16');
  });

  it('keeps the options, labels, IPAM options, internal and attachable given, and reads the bridge options with Docker\'s defaults', async () => {
    const { records } = await openRecords();
    const request: NetworkCreateRequest = {
      Name: 'back',
      Internal: true,
      Attachable: true,
      Options: { 'com.docker.network.bridge.name': 'brback', 'com.docker.network.driver.mtu': '1400', 'bogus.option': '1' },
      IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.215.120.0/24', IPRange: '10.215.120.0/25', Gateway: '10.215.120.200' }] },
    };
    await records.create(request);
    expect(records.inspect('back')).toMatchObject({
      Internal: true,
      Attachable: true,
      IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.215.120.0/24', IPRange: '10.215.120.0/25', Gateway: '10.215.120.200' }] },
      Options: request.Options,
    });
    expect(bridgeSettings(records.find('back'))).toEqual({ bridge: 'brback', enableIcc: true, enableIpMasquerade: true, hostBindingIpv4: '0.0.0.0', mtu: 1400 });
    expect(bridgeSettings(records.find('bridge'))).toEqual({ bridge: 'berth0', enableIcc: true, enableIpMasquerade: true, hostBindingIpv4: '0.0.0.0', mtu: 1500 });
  });

  it('refuses a second network of a name, with or without CheckDuplicate (names are unique, as in Docker since API 1.44)', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'web' });
    for (const request of [{ Name: 'web', CheckDuplicate: true }, { Name: 'web' }]) {
      expect((await rejection(records.create(request))).message).toBe('network with name web already exists');
    }
    expect(records.list({ name: ['^web$'] })).toHaveLength(1);
  });

  it.each([
    [{ Name: '' }, 'invalid name: '],
    [{ Name: 'bridge' }, 'operation is not permitted on predefined bridge network '],
    [{ Name: 'host' }, 'operation is not permitted on predefined host network '],
    [{ Name: 'none' }, 'operation is not permitted on predefined none network '],
    [{ Name: 'default' }, 'operation is not permitted on predefined default network '],
    [{ Name: 'x', Driver: 'host' }, 'only one instance of "host" network is allowed'],
    [{ Name: 'x', Driver: 'null' }, 'only one instance of "null" network is allowed'],
    [{ Name: 'x', Driver: 'bogus' }, 'plugin "bogus" not found'],
    [{ Name: 'x', Driver: 'macvlan' }, 'network driver "macvlan" is not supported by berth\'s engine: only "bridge" is'],
    [{ Name: 'x', Driver: 'overlay' }, 'network driver "overlay" is not supported by berth\'s engine: only "bridge" is'],
    [{ Name: 'x', EnableIPv6: true }, "network x asks for IPv6 (EnableIPv6): berth's engine has no IPv6 networks yet"],
    [{ Name: 'x', Options: { 'com.docker.network.bridge.enable_icc': 'bogus' } }, 'failed to parse com.docker.network.bridge.enable_icc value: bogus (strconv.ParseBool: parsing "bogus": invalid syntax)'],
    [{ Name: 'x', Options: { 'com.docker.network.driver.mtu': 'bogus' } }, 'failed to parse com.docker.network.driver.mtu value: bogus (strconv.Atoi: parsing "bogus": invalid syntax)'],
    [{ Name: 'x', Options: { 'com.docker.network.bridge.name': 'this-name-is-way-too-long' } }, 'com.docker.network.bridge.name "this-name-is-way-too-long" is not a Linux interface name'],
    [{ Name: 'x', IPAM: { Config: [{ Subnet: '172.17.0.0/24' }] } }, 'Pool overlaps with other one on this address space'],
  ])('refuses %j with the text Docker gives (or berth\'s own where berth differs)', async (request, message) => {
    const { records } = await openRecords();
    expect((await rejection(records.create(request))).message).toBe(message);
    expect(records.list().map((network) => network.Name)).toEqual(['bridge', 'host', 'none']);
  });

  it('refuses a bridge name another network has, the default bridge\'s included', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'one', Options: { 'com.docker.network.bridge.name': 'brtest1' } });
    const one = records.find('one').Id;
    const error = await rejection(records.create({ Name: 'two', Options: { 'com.docker.network.bridge.name': 'brtest1' } }));
    expect(error.message).toMatch(new RegExp(`^cannot create network [0-9a-f]{64} \\(brtest1\\): conflicts with network ${one} \\(brtest1\\): networks have same bridge name$`));
    expect((await rejection(records.create({ Name: 'three', Options: { 'com.docker.network.bridge.name': 'berth0' } }))).message).toContain('networks have same bridge name');
  });

  it('refuses a subnet another network of the engine has', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'one', IPAM: { Config: [{ Subnet: '10.215.100.0/24' }] } });
    const error = await rejection(records.create({ Name: 'two', IPAM: { Config: [{ Subnet: '10.215.0.0/16' }] } }));
    expect(error.message).toBe('Pool overlaps with other one on this address space');
    expect(error.hint).toContain("network one's subnet");
  });

  it('creates one of two networks asked for at once under one name', async () => {
    const { records } = await openRecords();
    const outcomes = await Promise.allSettled([records.create({ Name: 'race' }), records.create({ Name: 'race' })]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(records.list({ name: ['^race$'] })).toHaveLength(1);
  });
});
