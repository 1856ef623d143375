import { Resolver } from 'node:dns/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { DnsResolver, type DnsEndpoint } from '../../../src/network/dns/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { askTcp, askUdp, exchangeUdp, portIsFree, question } from './dns-client.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

// This file's loopback addresses: networks "front" on 127.77.1.0/24 and "other" on 127.77.2.0/24.
const frontGateway = '127.77.1.1';
const otherGateway = '127.77.2.1';
const upstreamAddress = '127.77.1.53';
const gateways = [frontGateway, otherGateway, upstreamAddress];

let resolver: DnsResolver;
let upstream: FakeUpstream;

const front = (containerId: string, containerName: string, ipv4: string, aliases: string[], extra: Partial<DnsEndpoint> = {}): void =>
  resolver.names.add({ networkId: 'front-id', networkName: 'shop_default', containerId, containerName, ipv4, aliases, ...extra });

/** node:dns's resolver (c-ares), asking `server` from `localAddress` as a container at that address would. */
function client(localAddress: string, server = frontGateway): Resolver {
  const dns = new Resolver({ timeout: 3_000, tries: 1 });
  dns.setServers([server]);
  dns.setLocalAddress(localAddress);
  return dns;
}

beforeEach(async () => {
  // Everything outside the table is "no such name" upstream.
  upstream = await startFakeUpstream(upstreamAddress, () => ({ rcode: 3, authoritative: true }));
  resolver = new DnsResolver({ upstreams: () => [{ address: upstreamAddress, port: 53 }] });
  await resolver.listen('front-id', frontGateway);
  await resolver.listen('other-id', otherGateway);
  front('c-web', 'shop-web-1', '127.77.1.2', ['web']);
  front('c-db1', 'shop-db-1', '127.77.1.3', ['db']);
  front('c-db2', 'shop-db-2', '127.77.1.4', ['db']);
  resolver.names.add({ networkId: 'other-id', networkName: 'other_default', containerId: 'c-other', containerName: 'other-web-1', ipv4: '127.77.2.2', aliases: ['web', 'cache'] });
});

afterEach(async () => {
  await resolver.close();
  await upstream.close();
  expect(resolver.listening()).toEqual([]);
  for (const address of gateways) expect(await portIsFree(address), `port 53 on ${address} is still held`).toBe(true);
});

describeAsRoot('the resolver on a network gateway', () => {
  test('a container resolves a service and a container name, with TTL 600', async () => {
    const dns = client('127.77.1.2');
    expect(await dns.resolve4('shop-db-2', { ttl: true })).toEqual([{ address: '127.77.1.4', ttl: 600 }]);
    expect((await dns.resolve4('db')).sort()).toEqual(['127.77.1.3', '127.77.1.4']);
  });

  test('each network sees its own containers under the same service name', async () => {
    expect(await client('127.77.1.2').resolve4('web')).toEqual(['127.77.1.2']);
    expect(await client('127.77.2.2', otherGateway).resolve4('web')).toEqual(['127.77.2.2']);
    await expect(client('127.77.2.2', otherGateway).resolve4('db')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(client('127.77.1.2').resolve4('cache')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  test('replicas come back in varying order, so clients spread over them', async () => {
    const dns = client('127.77.1.2');
    const firsts = new Set<string>();
    // Each of the two orders has probability 1/2 per query: 64 queries all alike would mean no shuffling (or odds of 2^-63).
    for (let round = 0; round < 64 && firsts.size < 2; round += 1) firsts.add((await dns.resolve4('db'))[0] ?? '');
    expect(firsts).toEqual(new Set(['127.77.1.3', '127.77.1.4']));
  });

  test('a name without an IPv6 address gives NODATA for AAAA, an unknown name NXDOMAIN from upstream', async () => {
    const dns = client('127.77.1.2');
    await expect(dns.resolve6('db')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(dns.resolve4('nosuch')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(upstream.received.map((asked) => asked.name)).toEqual(['nosuch']);
  });

  test('reverse lookups give <container>.<network> for a neighbour', async () => {
    expect(await client('127.77.1.2').reverse('127.77.1.3')).toEqual(['shop-db-1.shop_default']);
  });

  test('names are case-insensitive and answer in the asker spelling', async () => {
    const reply = await askUdp(frontGateway, question('Shop-DB-1.'), { localAddress: '127.77.1.2' });
    expect(reply.answers).toMatchObject([{ name: 'Shop-DB-1', data: '127.77.1.3' }]);
  });

  test('names appear as soon as they are registered and vanish as soon as they are removed', async () => {
    const dns = client('127.77.1.2');
    await expect(dns.resolve4('worker')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    front('c-worker', 'shop-worker-1', '127.77.1.5', ['worker']);
    expect(await dns.resolve4('worker')).toEqual(['127.77.1.5']);
    resolver.names.removeContainer('c-worker');
    await expect(dns.resolve4('worker')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  test('TCP answers, several questions on one connection', async () => {
    const replies = await askTcp(frontGateway, [question('db'), question('shop-web-1'), question('db', 'AAAA')], { localAddress: '127.77.1.2' });
    const summary = replies.map((reply) => `${reply.questions?.[0]?.type} ${reply.questions?.[0]?.name} ${reply.rcode} ${reply.answers?.length}${reply.flag_tc ? ' TC' : ''}`);
    expect(summary.sort()).toEqual(['A db NOERROR 2', 'A shop-web-1 NOERROR 1', 'AAAA db NOERROR 0']);
  });

  test('an answer too big for UDP is truncated, and the client gets it whole by asking again over TCP', async () => {
    for (let n = 1; n <= 40; n += 1) front(`c-worker${n}`, `shop-worker-${n}`, `127.77.1.${100 + n}`, ['worker']);
    const udp = await askUdp(frontGateway, question('worker'), { localAddress: '127.77.1.2' });
    expect(udp.flag_tc).toBe(true);
    expect(await client('127.77.1.2').resolve4('worker')).toHaveLength(40);
  });

  test('a malformed packet gets FORMERR or nothing, and the resolver keeps answering', async () => {
    const garbage = Buffer.from([0xab, 0xcd, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]);
    const reply = await askUdp(frontGateway, garbage, { localAddress: '127.77.1.2' });
    expect(reply).toMatchObject({ id: 0xabcd, rcode: 'FORMERR' });
    expect(await exchangeUdp(frontGateway, Buffer.from([1, 2, 3]), { localAddress: '127.77.1.2', timeoutMs: 300 })).toBeUndefined();
    const [tcpReply] = await askTcp(frontGateway, [garbage], { localAddress: '127.77.1.2' });
    expect(tcpReply?.rcode).toBe('FORMERR');
    expect(await client('127.77.1.2').resolve4('shop-web-1')).toEqual(['127.77.1.2']);
  });

  test('the host, or any address no container has, sees no names', async () => {
    await expect(client('127.77.1.99').resolve4('db')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  test('stopping a network frees its port and leaves the other networks answering', async () => {
    await resolver.stopListening('front-id');
    expect(await portIsFree(frontGateway)).toBe(true);
    expect(await client('127.77.2.2', otherGateway).resolve4('web')).toEqual(['127.77.2.2']);
    expect(resolver.listening()).toEqual([{ networkId: 'other-id', address: otherGateway, port: 53 }]);
  });

  test('an address that no interface has fails to listen with an error naming it and the cause', async () => {
    const failure = resolver.listen('missing-id', '192.0.2.77');
    await expect(failure).rejects.toBeInstanceOf(BerthError);
    await expect(failure).rejects.toMatchObject({ code: 'DNS_LISTEN', message: 'cannot answer DNS for network missing-id on 192.0.2.77:53 (UDP): no interface has that address' });
  });

  test('a port another program holds fails to listen with a hint to find it, and nothing stays bound', async () => {
    const second = new DnsResolver({ upstreams: () => [] });
    const failure = second.listen('front-id', frontGateway);
    await expect(failure).rejects.toMatchObject({ code: 'DNS_LISTEN', message: expect.stringContaining('127.77.1.1:53 (UDP): the port is taken'), hint: expect.stringContaining('ss -lunp') });
    expect(second.listening()).toEqual([]);
  });
});
