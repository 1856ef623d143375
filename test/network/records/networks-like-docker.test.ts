import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Filters } from '../../../src/api/types/common.js';
import type { EndpointSettings, Network, NetworkCreateRequest } from '../../../src/api/types/networks.js';
import { endpointSettings, type NetworkRecords } from '../../../src/network/records/index.js';
import { useDockerEngine } from '../../harness/docker-engine.js';
import { engineRequest } from '../../harness/engine-http.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { openRecords } from './records-fixtures.js';

const engine = useDockerEngine();
/** What every address of the test dockerd's pool starts with: `10.N.` (its --default-address-pool, size 24). */
let prefix: string;
let image: string;

interface Answer<T> {
  status: number;
  body: T;
}

/**
 * Requests name their subnets `10.251.x.0/24` in the tables, which are written before the engine
 * starts; they run in the engine's own leased /16 (no other test engine uses it).
 */
function leased<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('10.251.', prefix)) as T;
}

async function docker<T>(method: string, path: string, json?: unknown): Promise<Answer<T>> {
  const answer = await engineRequest(engine().endpoint, { method, path, ...(json === undefined ? {} : { json: leased(json) }) });
  return { status: answer.status, body: (answer.body === '' ? undefined : JSON.parse(answer.body)) as T };
}

/** The message of a call that must fail. */
async function dockerError(method: string, path: string, json?: unknown): Promise<string> {
  const answer = await docker<{ message?: string }>(method, path, json);
  if (answer.status < 400) throw new Error(`dockerd accepted ${method} ${path} ${JSON.stringify(json)}`);
  return answer.body.message ?? '';
}

/**
 * berth's records with the test dockerd's pool behind 172.17.0.0/16 (which berth's default bridge
 * takes, and dockerd, started without one, has not): both then hand out the same /24s in the
 * same order. The host's routes are left out; dockerd's own bridges would show in them.
 */
async function berth(): Promise<NetworkRecords> {
  const { records } = await openRecords({ pools: [{ base: '172.17.0.0/16', size: 16 }, { base: `${prefix}0.0/16`, size: 24 }] });
  return records;
}

async function berthError(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('berth accepted it');
}

/** A running busybox on `network` with these endpoint settings; its id and name, or dockerd's message when its start fails. */
async function runOn(network: string, name: string, settings: EndpointSettings = {}): Promise<{ id: string; name: string; startError?: string }> {
  const created = await docker<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: image,
    Cmd: ['sleep', '300'],
    HostConfig: { NetworkMode: network },
    NetworkingConfig: { EndpointsConfig: { [network]: settings } },
  });
  expect(created.status).toBe(201);
  const started = await docker<{ message: string } | undefined>('POST', `/containers/${created.body.Id}/start`);
  return { id: created.body.Id, name: `/${name}`, ...(started.status >= 400 ? { startError: started.body?.message ?? '' } : {}) };
}

async function dockerNetwork(name: string): Promise<Network> {
  return (await docker<Network>('GET', `/networks/${name}`)).body;
}

let containers = 0;
/** A fresh container name, so a failed test's leftovers cannot clash with the next test's containers. */
function uniqueName(base: string): string {
  return `${base}${++containers}`;
}

const withoutIdentity = ({ Id: _id, Created: _created, ...rest }: Network) => rest;

describe('network records beside Docker 20.10', () => {
  beforeAll(async () => {
    prefix = readFileSync(join(engine().directory, 'address-prefix'), 'utf8').trim();
    image = await ensureBusyboxImage(engine());
  }, 120_000);

  // First in the file: dockerd's rotation starts with the engine, and berth's with each store.
  it('hands out the same subnets in the same order, a freed one not again until the list comes round', async () => {
    const records = await berth();
    const steps: [string, string][] = [['create', 'rot-a'], ['create', 'rot-b'], ['remove', 'rot-a'], ['create', 'rot-c'], ['create', 'rot-d']];
    const dockerSubnets: string[] = [];
    const berthSubnets: string[] = [];
    for (const [step, name] of steps) {
      if (step === 'remove') {
        await docker('DELETE', `/networks/${name}`);
        records.remove(name);
        continue;
      }
      await docker('POST', '/networks/create', { Name: name, CheckDuplicate: true });
      await records.create({ Name: name, CheckDuplicate: true });
      dockerSubnets.push((await dockerNetwork(name)).IPAM.Config?.[0]?.Subnet ?? '');
      berthSubnets.push(records.inspect(name).IPAM.Config?.[0]?.Subnet ?? '');
    }
    expect(berthSubnets).toEqual(dockerSubnets);
    expect(dockerSubnets).toEqual([`${prefix}0.0/24`, `${prefix}1.0/24`, `${prefix}2.0/24`, `${prefix}3.0/24`]);
  });

  it.each<[string, Omit<NetworkCreateRequest, 'Name'>]>([
    ['an automatic subnet', {}],
    ['a subnet written with host bits, an ip_range and aux addresses', { IPAM: { Config: [{ Subnet: '10.251.131.5/24', IPRange: '10.251.131.77/26', AuxiliaryAddresses: { a: '10.251.131.2' } }] } }],
    ['a gateway outside the ip_range', { IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.251.120.0/24', IPRange: '10.251.120.0/25', Gateway: '10.251.120.200' }] } }],
    ['labels, options, internal and attachable', { Internal: true, Attachable: true, Labels: { 'com.docker.compose.project': 'shop' }, Options: { 'com.docker.network.bridge.enable_icc': 'false', 'bogus.option': '1' }, IPAM: { Options: { foo: 'bar' } } }],
  ])('inspects a network with %s with the same fields and values, apart from its id and creation time', async (what, written) => {
    const request = leased(written);
    const name = `shape-${what.replaceAll(/\W+/g, '-')}`;
    const records = await berth();
    await docker('POST', '/networks/create', { Name: name, CheckDuplicate: true, ...request });
    await records.create({ Name: name, CheckDuplicate: true, ...request });
    const dockers = withoutIdentity(await dockerNetwork(name));
    const berths = withoutIdentity(records.inspect(name));
    // Rotation differs between dockerd (many networks made in this file) and a fresh store: compare where an automatic subnet goes, not which.
    if (request.IPAM?.Config === undefined) {
      for (const shown of [dockers, berths]) shown.IPAM.Config = shown.IPAM.Config?.map((config) => ({ ...config, Subnet: 'auto', Gateway: config.Gateway?.replace(/^.*\./, 'auto.') }));
    }
    expect(JSON.stringify(berths)).toBe(JSON.stringify(dockers));
    await docker('DELETE', `/networks/${name}`);
  });

  it('shows the predefined host and none networks as Docker does, apart from their ids and creation times', async () => {
    const records = await berth();
    for (const name of ['host', 'none']) expect(JSON.stringify(withoutIdentity(records.inspect(name)))).toBe(JSON.stringify(withoutIdentity(await dockerNetwork(name))));
  });

  it.each<[string, NetworkCreateRequest]>([
    ['a name taken', { Name: 'taken', CheckDuplicate: true }],
    ['an empty name', { Name: '' }],
    ['a predefined name', { Name: 'host' }],
    ['the name default', { Name: 'default' }],
    ['a second host network', { Name: 'x', Driver: 'host' }],
    ['a second null network', { Name: 'x', Driver: 'null' }],
    // Unknown drivers are left out: dockerd looks for the plugin for 15 s first (network-create.test.ts has the text).
    ['two subnets', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.110.0/24' }, { Subnet: '10.251.111.0/24' }] } }],
    ['a subnet that is none', { Name: 'x', IPAM: { Config: [{ Subnet: 'bogus' }] } }],
    ['an ip_range without a subnet', { Name: 'x', IPAM: { Config: [{ IPRange: '10.251.113.0/24' }] } }],
    ['a gateway that is none', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.103.0/24', Gateway: 'bogus' }] } }],
    ['an ip_range that is none', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.122.0/24', IPRange: 'bogus' }] } }],
    ['an aux address that is none', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.123.0/24', AuxiliaryAddresses: { a: 'bogus' } }] } }],
    ['a subnet another network has', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.200.128/25' }] } }],
    ['a gateway outside the subnet', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.101.0/24', Gateway: '10.251.102.1' }] } }],
    ['the network address as gateway', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.107.0/24', Gateway: '10.251.107.0' }] } }],
    ['a /31', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.109.0/31' }] } }],
    ['an aux address outside the subnet', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.105.0/24', AuxiliaryAddresses: { a: '10.251.106.2' } }] } }],
    ['an aux address on the gateway', { Name: 'x', IPAM: { Config: [{ Subnet: '10.251.114.0/24', AuxiliaryAddresses: { a: '10.251.114.1' } }] } }],
    ['an option that does not parse', { Name: 'x', Options: { 'com.docker.network.driver.mtu': 'bogus' } }],
  ])('refuses %s with the message Docker gives', async (_, written) => {
    const records = await berth();
    const request = leased(written);
    const taken = leased({ Name: 'taken', CheckDuplicate: true, IPAM: { Config: [{ Subnet: '10.251.200.0/24' }] } });
    await docker('POST', '/networks/create', taken);
    await records.create(taken);
    expect(await berthError(() => records.create(request))).toBe(await dockerError('POST', '/networks/create', request));
    await docker('DELETE', '/networks/taken');
  });

  it('gives running containers the same addresses, MACs, aliases and inspect entries as Docker, a freed address again', async () => {
    const records = await berth();
    const network = leased({ Name: 'addr', CheckDuplicate: true, IPAM: { Config: [{ Subnet: '10.251.104.0/24', AuxiliaryAddresses: { router: '10.251.104.2' } }] } });
    await docker('POST', '/networks/create', network);
    await records.create(network);
    const plan: [string, EndpointSettings][] = leased([
      ['addr1', { Aliases: ['web'] }],
      ['addr2', {}],
      ['addr3', { IPAMConfig: { IPv4Address: '10.251.104.50' }, Aliases: ['db', 'db'] }],
      ['addr4', {}],
    ]);
    const containers = new Map<string, { id: string; name: string }>();
    for (const [name, settings] of plan) {
      const container = await runOn('addr', uniqueName(name), settings);
      expect(container.startError).toBeUndefined();
      records.connect('addr', { containerId: container.id, containerName: container.name, config: settings });
      containers.set(name, container);
      if (name === 'addr2') {
        // addr2 leaves before addr3 and addr4 come: its address is free again.
        await docker('DELETE', `/containers/${container.id}?force=1`);
        records.release(container.id);
      }
    }
    const comparable = (settings: EndpointSettings) => ({ ...settings, EndpointID: 'id', NetworkID: 'id' });
    for (const [name, { id }] of containers) {
      if (name === 'addr2') continue;
      const dockers = (await docker<{ NetworkSettings: { Networks: Record<string, EndpointSettings> } }>('GET', `/containers/${id}/json`)).body.NetworkSettings.Networks.addr!;
      const { network: record, endpoint } = records.endpointsOf(id)[0]!;
      expect(JSON.stringify(comparable(endpointSettings(record, endpoint))), name).toBe(JSON.stringify(comparable(dockers)));
    }
    const entries = (shown: Network) => Object.fromEntries(Object.entries(shown.Containers).map(([id, entry]) => [id, { ...entry, EndpointID: 'id' }]));
    expect(entries(records.inspect('addr'))).toEqual(entries(await dockerNetwork('addr')));
    expect(Object.values(entries(records.inspect('addr'))).map((entry) => entry.IPv4Address).sort()).toEqual(leased(['10.251.104.3/24', '10.251.104.4/24', '10.251.104.50/24']));
  });

  it.each<[string, string, EndpointSettings]>([
    ['an address another container has', 'fixed', { IPAMConfig: { IPv4Address: '10.251.124.50' } }],
    ['the gateway', 'fixed', { IPAMConfig: { IPv4Address: '10.251.124.1' } }],
    ['an address outside the subnet', 'fixed', { IPAMConfig: { IPv4Address: '10.251.125.50' } }],
    ['an address on a network without a subnet of its own', 'auto', { IPAMConfig: { IPv4Address: `10.251.124.60` } }],
  ])('refuses %s to a starting container with the message Docker gives', async (_, network, written) => {
    const records = await berth();
    const settings = leased(written);
    for (const request of leased([{ Name: 'fixed', IPAM: { Config: [{ Subnet: '10.251.124.0/24' }] } }, { Name: 'auto' }])) {
      await docker('POST', '/networks/create', { CheckDuplicate: true, ...request });
      await records.create(request);
    }
    const holding = leased({ IPAMConfig: { IPv4Address: '10.251.124.50' } });
    const holder = await runOn('fixed', uniqueName('holder'), holding);
    records.connect('fixed', { containerId: holder.id, containerName: holder.name, config: holding });
    const refused = await runOn(network, uniqueName('refused'), settings);
    expect(await berthError(() => records.connect(network, { containerId: refused.id, containerName: refused.name, config: settings }))).toBe(refused.startError);
    for (const id of [holder.id, refused.id]) await docker('DELETE', `/containers/${id}?force=1`);
    for (const name of ['fixed', 'auto']) await docker('DELETE', `/networks/${name}`);
  });

  it("refuses to remove a network a container runs on, or a predefined one, with Docker's messages", async () => {
    const records = await berth();
    await docker('POST', '/networks/create', { Name: 'busy', CheckDuplicate: true });
    await records.create({ Name: 'busy' });
    const container = await runOn('busy', uniqueName('busy'));
    records.connect('busy', { containerId: container.id, containerName: container.name });
    const dockers = (await dockerError('DELETE', '/networks/busy')).replace((await dockerNetwork('busy')).Id, 'ID');
    expect(await berthError(() => records.remove('busy'))).toBe(dockers.replace('ID', records.find('busy').Id));
    expect(await berthError(() => records.remove('host'))).toBe(await dockerError('DELETE', '/networks/host'));
    expect(await berthError(() => records.remove('missing'))).toBe(await dockerError('DELETE', '/networks/missing'));
    await docker('DELETE', `/containers/${container.id}?force=1`);
    await docker('DELETE', '/networks/busy');
  });

  it('filters lists and prunes the same networks, and refuses the same filters', async () => {
    const records = await berth();
    const requests: NetworkCreateRequest[] = [{ Name: 'ls-1', Labels: { ls: '1', extra: 'y' } }, { Name: 'ls-2', Labels: { ls: '2' } }, { Name: 'ls-used', Labels: { ls: 'used' } }];
    for (const request of requests) {
      await docker('POST', '/networks/create', { CheckDuplicate: true, ...request });
      await records.create(request);
    }
    const container = await runOn('ls-used', uniqueName('lsused'));
    records.connect('ls-used', { containerId: container.id, containerName: container.name });
    const query = (filters: object) => `filters=${encodeURIComponent(JSON.stringify(filters))}`;
    const dockerNames = async (filters: object) => (await docker<Network[]>('GET', `/networks?${query(filters)}`)).body.map((network) => network.Name).sort();
    // dockerd here runs without a default bridge; berth always has one.
    const berthNames = (filters: Filters) => records.list(filters).map((network) => network.Name).filter((name) => name !== 'bridge');
    const listed: Filters[] = [{ label: ['ls'] }, { label: ['ls=1', 'extra'] }, { name: ['^ls-[12]$'] }, { type: ['builtin'] }, { driver: ['null', 'host'] }, { label: ['ls'], scope: ['local'] }];
    for (const filters of listed) {
      expect(berthNames(filters), JSON.stringify(filters)).toEqual(await dockerNames(filters));
    }
    const refusedLists: Filters[] = [{ bogus: ['x'] }, { type: ['bogus'] }, { dangling: ['bogus'] }, { dangling: ['true', 'false'] }, { 'label!': ['x'] }];
    for (const filters of refusedLists) {
      expect(await berthError(() => records.list(filters))).toBe(await dockerError('GET', `/networks?${query(filters)}`));
    }
    const dockerPruned = (await docker<{ NetworksDeleted: string[] | null }>('POST', `/networks/prune?${query({ label: ['ls'], 'label!': ['ls=2'] })}`)).body.NetworksDeleted;
    expect(records.prune({ label: ['ls'], 'label!': ['ls=2'] }).map((network) => network.Name)).toEqual(dockerPruned);
    const refusedPrunes: Filters[] = [{ dangling: ['true'] }, { until: ['bogus'] }];
    for (const filters of refusedPrunes) {
      expect(await berthError(() => records.prune(filters))).toBe(await dockerError('POST', `/networks/prune?${query(filters)}`));
    }
    await docker('DELETE', `/containers/${container.id}?force=1`);
    for (const name of ['ls-2', 'ls-used']) await docker('DELETE', `/networks/${name}`);
  });
});
