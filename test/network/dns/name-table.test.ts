import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { NameTable, type DnsEndpoint, type Requester } from '../../../src/network/dns/index.js';

/** A shop project: web and two db replicas on shop_default, an admin tool on shop_back with db 1, and another project. */
function shopTable(random?: () => number): NameTable {
  const names = new NameTable(random === undefined ? {} : { random });
  const on = (networkId: string, networkName: string) => (containerId: string, containerName: string, ipv4: string, aliases: string[], extra: Partial<DnsEndpoint> = {}) =>
    names.add({ networkId, networkName, containerId, containerName, ipv4, aliases, ...extra });
  const front = on('net-front', 'shop_default');
  front('c-web', 'shop-web-1', '172.18.0.2', ['web', 'c-web'], { ipv6: 'fd00::2' });
  front('c-db1', 'shop-db-1', '172.18.0.3', ['db', 'database']);
  front('c-db2', 'shop-db-2', '172.18.0.4', ['db', 'database']);
  const back = on('net-back', 'shop_back');
  back('c-admin', 'shop-admin-1', '172.19.0.2', ['admin']);
  back('c-db1', 'shop-db-1', '172.19.0.3', ['db', 'primary']);
  on('net-other', 'other_default')('c-other', 'other-web-1', '172.20.0.2', ['web']);
  return names;
}

const asker = (names: NameTable, networkId: string, source: string): Requester => {
  const found = names.requesterAt(networkId, source);
  if (found === undefined) throw new Error(`no requester at ${source} on ${networkId}`);
  return found;
};

/** A deterministic stand-in for Math.random: the values given, over and over. */
function cycling(values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length] ?? 0;
}

describe('the name table', () => {
  test('a container finds the services and container names of its own network', () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.lookup(web, 'shop-db-2', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.4'] });
    expect(names.lookup(web, 'db', 4)).toMatchObject({ kind: 'addresses' });
    expect(names.lookup(web, 'web', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.2'] });
  });

  test("another project's names are not visible, even with the same service name", () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    const other = asker(names, 'net-other', '172.20.0.2');
    expect(names.lookup(web, 'other-web-1', 4)).toEqual({ kind: 'unknown' });
    expect(names.lookup(other, 'db', 4)).toEqual({ kind: 'unknown' });
    expect(names.lookup(other, 'web', 4)).toEqual({ kind: 'addresses', addresses: ['172.20.0.2'] });
  });

  test('a container sees the names of all its networks, whichever gateway it asks', () => {
    const names = shopTable();
    const db1ViaFront = asker(names, 'net-front', '172.18.0.3');
    const db1ViaBack = asker(names, 'net-back', '172.19.0.3');
    expect(names.lookup(db1ViaFront, 'admin', 4)).toEqual({ kind: 'addresses', addresses: ['172.19.0.2'] });
    expect(names.lookup(db1ViaBack, 'web', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.2'] });
  });

  test('a name on several networks is answered from the network the container joined first', () => {
    const names = shopTable();
    const db1 = asker(names, 'net-back', '172.19.0.3');
    // shop-db-1 joined net-front first: there, "db" is both replicas.
    expect((names.lookup(db1, 'db', 4) as { addresses: string[] }).addresses.sort()).toEqual(['172.18.0.3', '172.18.0.4']);
    const admin = asker(names, 'net-back', '172.19.0.2');
    expect(names.lookup(admin, 'db', 4)).toEqual({ kind: 'addresses', addresses: ['172.19.0.3'] });
  });

  test('name.network resolves on that network only', () => {
    const names = shopTable();
    const db1 = asker(names, 'net-front', '172.18.0.3');
    expect(names.lookup(db1, 'shop-db-1.shop_back', 4)).toEqual({ kind: 'addresses', addresses: ['172.19.0.3'] });
    expect(names.lookup(db1, 'shop-db-1.shop_default', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.3'] });
    expect(names.lookup(db1, 'admin.shop_default', 4)).toEqual({ kind: 'unknown' });
    expect(names.lookup(db1, 'web.other_default', 4)).toEqual({ kind: 'unknown' });
  });

  test('names are case-insensitive and the fully qualified form with its trailing dot works', () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.lookup(web, 'SHOP-DB-1', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.3'] });
    expect(names.lookup(web, 'shop-db-1.', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.3'] });
    expect(names.lookup(web, 'Shop-Db-1.SHOP_DEFAULT.', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.3'] });
  });

  test('replicas come back in a shuffled order: each one comes first sometimes', () => {
    // The first draw picks which address goes last, so alternating draws alternate the order.
    const names = shopTable(cycling([0, 0.99]));
    const web = asker(names, 'net-front', '172.18.0.2');
    const firsts = Array.from({ length: 4 }, () => (names.lookup(web, 'db', 4) as { addresses: string[] }).addresses[0]);
    expect(new Set(firsts)).toEqual(new Set(['172.18.0.3', '172.18.0.4']));
  });

  test('the shuffle keeps every address exactly once', () => {
    const names = new NameTable();
    for (let n = 1; n <= 9; n += 1) names.add({ networkId: 'n', networkName: 'p_default', containerId: `c${n}`, containerName: `p-worker-${n}`, aliases: ['worker'], ipv4: `10.1.0.${n}` });
    const someone = asker(names, 'n', '10.1.0.1');
    for (let round = 0; round < 20; round += 1) {
      const found = names.lookup(someone, 'worker', 4) as { addresses: string[] };
      expect([...found.addresses].sort()).toEqual(Array.from({ length: 9 }, (_, index) => `10.1.0.${index + 1}`).sort());
    }
  });

  test('a name without an address of the family asked is no-data, and an unknown name is unknown', () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.lookup(web, 'db', 6)).toEqual({ kind: 'no-data' });
    expect(names.lookup(web, 'web', 6)).toEqual({ kind: 'addresses', addresses: ['fd00::2'] });
    expect(names.lookup(web, 'nosuch', 4)).toEqual({ kind: 'unknown' });
    expect(names.lookup(web, 'nosuch', 6)).toEqual({ kind: 'unknown' });
  });

  test('a stranger (an address no container has) sees no names', () => {
    const names = shopTable();
    expect(names.requesterAt('net-front', '172.18.0.99')).toBeUndefined();
    expect(names.requesterAt('net-back', '172.18.0.2')).toBeUndefined();
    expect(names.lookup(undefined, 'web', 4)).toEqual({ kind: 'unknown' });
    expect(names.reverse(undefined, '172.18.0.2')).toBeUndefined();
  });

  test('the requester is found by its IPv6 address and by an IPv4-mapped one', () => {
    const names = shopTable();
    expect(names.requesterAt('net-front', 'fd00:0::0002')?.containerId).toBe('c-web');
    expect(names.requesterAt('net-front', '::ffff:172.18.0.3')?.containerId).toBe('c-db1');
  });

  test('reverse lookups answer <container name>.<network name> for addresses on the requester networks only', () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.reverse(web, '172.18.0.4')).toBe('shop-db-2.shop_default');
    expect(names.reverse(web, 'fd00::2')).toBe('shop-web-1.shop_default');
    expect(names.reverse(web, '172.19.0.2')).toBeUndefined();
    expect(names.reverse(web, '172.20.0.2')).toBeUndefined();
    const admin = asker(names, 'net-back', '172.19.0.2');
    expect(names.reverse(admin, '172.19.0.3')).toBe('shop-db-1.shop_back');
  });

  test('a removed container vanishes at once, from names and from reverse lookups', () => {
    const names = shopTable();
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.remove('net-front', 'c-db2')).toBe(true);
    expect(names.lookup(web, 'db', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.3'] });
    expect(names.lookup(web, 'shop-db-2', 4)).toEqual({ kind: 'unknown' });
    expect(names.reverse(web, '172.18.0.4')).toBeUndefined();
    expect(names.remove('net-front', 'c-db2')).toBe(false);
  });

  test('removing a container takes it off every network; removing a network empties it', () => {
    const names = shopTable();
    names.removeContainer('c-db1');
    expect(names.requesterAt('net-back', '172.19.0.3')).toBeUndefined();
    expect(names.lookup(asker(names, 'net-back', '172.19.0.2'), 'db', 4)).toEqual({ kind: 'unknown' });
    names.removeNetwork('net-front');
    expect(names.endpoints().map((endpoint) => endpoint.containerId).sort()).toEqual(['c-admin', 'c-other']);
    // The admin container is still on net-back and still asks from there.
    expect(names.lookup(asker(names, 'net-back', '172.19.0.2'), 'admin', 4)).toEqual({ kind: 'addresses', addresses: ['172.19.0.2'] });
  });

  test('registering an endpoint again replaces its names and address and keeps its network order', () => {
    const names = shopTable();
    names.add({ networkId: 'net-front', networkName: 'shop_default', containerId: 'c-db1', containerName: 'shop-db-1', ipv4: '172.18.0.30', aliases: ['db', 'cache'] });
    const web = asker(names, 'net-front', '172.18.0.2');
    expect(names.lookup(web, 'database', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.4'] });
    expect(names.lookup(web, 'cache', 4)).toEqual({ kind: 'addresses', addresses: ['172.18.0.30'] });
    expect(names.requesterAt('net-front', '172.18.0.3')).toBeUndefined();
    // c-db1 still searches net-front first: "db" there is two replicas, not the one on net-back.
    const db1 = asker(names, 'net-back', '172.19.0.3');
    expect((names.lookup(db1, 'db', 4) as { addresses: string[] }).addresses.sort()).toEqual(['172.18.0.30', '172.18.0.4']);
  });

  test("the requester carries the endpoint's own upstream servers", () => {
    const names = new NameTable();
    names.add({ networkId: 'n', networkName: 'p_default', containerId: 'c', containerName: 'p-a-1', aliases: [], ipv4: '10.2.0.2', upstreams: [{ address: '192.0.2.53', port: 53 }] });
    names.add({ networkId: 'n', networkName: 'p_default', containerId: 'd', containerName: 'p-b-1', aliases: [], ipv4: '10.2.0.3' });
    expect(names.requesterAt('n', '10.2.0.2')?.upstreams).toEqual([{ address: '192.0.2.53', port: 53 }]);
    expect(names.requesterAt('n', '10.2.0.3')?.upstreams).toBeUndefined();
  });

  test('an endpoint with a malformed address is refused with an error naming the container', () => {
    const names = new NameTable();
    const add = (extra: Partial<DnsEndpoint>) => () => names.add({ networkId: 'n', networkName: 'p_default', containerId: 'c', containerName: 'p-a-1', aliases: [], ...extra });
    expect(add({ ipv4: '10.0.0.300' })).toThrow(BerthError);
    expect(add({ ipv4: 'fd00::1' })).toThrow(/p-a-1 on network p_default.*"fd00::1" is not an IPv4 address/);
    expect(add({ ipv6: '10.0.0.1' })).toThrow(/is not an IPv6 address/);
    expect(add({ containerName: '' })).toThrow(/must not be empty/);
    expect(names.endpoints()).toEqual([]);
  });
});
