import { Resolver } from 'node:dns/promises';
import type { Answer, Question } from 'dns-packet';
import { afterEach, expect, test } from 'vitest';
import { DnsResolver, type DnsResolverOptions, type Upstream } from '../../../src/network/dns/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { askTcp, askUdp, exchangeUdp, portIsFree, question } from './dns-client.js';
import { startFakeUpstream, type Behaviour, type FakeUpstream } from './fake-upstream.js';

// This file's loopback addresses: the network's gateway, its containers, and fake upstream servers.
const gateway = '127.77.3.1';
const plainContainer = '127.77.3.2';
const customDnsContainer = '127.77.3.3';
const upstreamAddresses = ['127.77.3.53', '127.77.3.54', '127.77.3.55', '127.77.3.56'] as const;

const started: { resolver?: DnsResolver; upstreams: FakeUpstream[] } = { upstreams: [] };

afterEach(async () => {
  await started.resolver?.close();
  await Promise.all(started.upstreams.map((upstream) => upstream.close()));
  started.resolver = undefined;
  started.upstreams = [];
  for (const address of [gateway, ...upstreamAddresses]) expect(await portIsFree(address), `port 53 on ${address} is still held`).toBe(true);
});

async function upstream(index: 0 | 1 | 2 | 3, behaviour: Behaviour): Promise<FakeUpstream> {
  const fake = await startFakeUpstream(upstreamAddresses[index], behaviour);
  started.upstreams.push(fake);
  return fake;
}

const at = (fake: FakeUpstream): Upstream => ({ address: fake.address, port: fake.port });
const addressAnswer = (address: string): Behaviour => (asked: Question) => ({ rcode: 0, answers: [{ type: 'A', name: asked.name, ttl: 30, data: address } as Answer] });

/** A resolver on the gateway with two containers, the second with its own `dns` servers. */
async function resolverWith(defaults: Upstream[], ownServers: Upstream[] | undefined, options: DnsResolverOptions = {}): Promise<DnsResolver> {
  const resolver = new DnsResolver({ upstreams: () => defaults, ...options });
  started.resolver = resolver;
  await resolver.listen('net-id', gateway);
  resolver.names.add({ networkId: 'net-id', networkName: 'app_default', containerId: 'c-plain', containerName: 'app-plain-1', ipv4: plainContainer, aliases: ['plain'] });
  resolver.names.add({
    networkId: 'net-id',
    networkName: 'app_default',
    containerId: 'c-custom',
    containerName: 'app-custom-1',
    ipv4: customDnsContainer,
    aliases: ['custom'],
    ...(ownServers === undefined ? {} : { upstreams: ownServers }),
  });
  return resolver;
}

function client(localAddress: string): Resolver {
  const dns = new Resolver({ timeout: 5_000, tries: 1 });
  dns.setServers([gateway]);
  dns.setLocalAddress(localAddress);
  return dns;
}

describeAsRoot('forwarding to upstream servers', () => {
  test('a name outside the table is answered by the upstream server, TTL and all', async () => {
    const fake = await upstream(0, addressAnswer('198.51.100.7'));
    await resolverWith([at(fake)], undefined);
    expect(await client(plainContainer).resolve4('www.example.org', { ttl: true })).toEqual([{ address: '198.51.100.7', ttl: 30 }]);
    expect(fake.received).toEqual([{ name: 'www.example.org', type: 'A', transport: 'udp' }]);
  });

  test("the upstream's NXDOMAIN reaches the client", async () => {
    const fake = await upstream(0, () => ({ rcode: 3, authoritative: true }));
    await resolverWith([at(fake)], undefined);
    const reply = await askUdp(gateway, question('nosuch.example.org'), { localAddress: plainContainer });
    expect(reply.rcode).toBe('NXDOMAIN');
  });

  test("a container with its own dns servers gets their answers for outside names, and still resolves service names", async () => {
    const host = await upstream(0, addressAnswer('198.51.100.1'));
    const own = await upstream(1, addressAnswer('198.51.100.2'));
    await resolverWith([at(host)], [at(own)]);
    expect(await client(customDnsContainer).resolve4('www.example.org')).toEqual(['198.51.100.2']);
    expect(await client(plainContainer).resolve4('www.example.org')).toEqual(['198.51.100.1']);
    expect(await client(customDnsContainer).resolve4('plain')).toEqual([plainContainer]);
    expect(own.received).toHaveLength(1);
    expect(host.received).toHaveLength(1);
  });

  test.each([
    ['SERVFAIL', { rcode: 2 }],
    ['REFUSED', { rcode: 5 }],
    ['a non-authoritative NXDOMAIN', { rcode: 3, authoritative: false }],
  ])('a server that answers %s hands over to the next', async (_, failure) => {
    const failing = await upstream(0, () => failure);
    const answering = await upstream(1, addressAnswer('198.51.100.9'));
    await resolverWith([at(failing), at(answering)], undefined);
    expect(await client(plainContainer).resolve4('www.example.org')).toEqual(['198.51.100.9']);
    expect([failing, answering].map((fake) => fake.received.length)).toEqual([1, 1]);
  });

  test('when every server fails, the last failure reaches the client', async () => {
    const failing = await upstream(0, () => ({ rcode: 2 }));
    const refusing = await upstream(1, () => ({ rcode: 5 }));
    await resolverWith([at(failing), at(refusing)], undefined);
    expect((await askUdp(gateway, question('www.example.org'), { localAddress: plainContainer })).rcode).toBe('REFUSED');
  });

  test('at most three servers are asked, as glibc and Docker read at most three', async () => {
    const failing = await Promise.all(([0, 1, 2] as const).map((index) => upstream(index, () => ({ rcode: 2 }))));
    const fourth = await upstream(3, addressAnswer('198.51.100.4'));
    await resolverWith([...failing, fourth].map(at), undefined);
    expect((await askUdp(gateway, question('www.example.org'), { localAddress: plainContainer })).rcode).toBe('SERVFAIL');
    expect([...failing, fourth].map((fake) => fake.received.length)).toEqual([1, 1, 1, 0]);
  });

  test('an authoritative NXDOMAIN ends the search', async () => {
    const first = await upstream(0, () => ({ rcode: 3, authoritative: true }));
    const second = await upstream(1, addressAnswer('198.51.100.9'));
    await resolverWith([at(first), at(second)], undefined);
    expect((await askUdp(gateway, question('nosuch.example.org'), { localAddress: plainContainer })).rcode).toBe('NXDOMAIN');
    expect(second.received).toEqual([]);
  });

  test('an upstream that never answers gives SERVFAIL once its timeout has passed, not silence', async () => {
    const silent = await upstream(0, () => 'silent');
    await resolverWith([at(silent)], undefined, { upstreamTimeoutMs: 200 });
    // The client waits far longer than the resolver's timeout, so an answer means SERVFAIL came.
    const reply = await askUdp(gateway, question('slow.example.org'), { localAddress: plainContainer });
    expect(reply).toMatchObject({ rcode: 'SERVFAIL', questions: [{ name: 'slow.example.org', type: 'A' }] });
    expect(silent.received).toHaveLength(1);
  });

  test('with no upstream at all, outside names get SERVFAIL and table names still resolve', async () => {
    await resolverWith([], undefined);
    expect((await askUdp(gateway, question('www.example.org'), { localAddress: plainContainer })).rcode).toBe('SERVFAIL');
    expect(await client(plainContainer).resolve4('custom')).toEqual([customDnsContainer]);
  });

  test('an upstream with nothing listening gives SERVFAIL without waiting for the timeout', async () => {
    // Nothing listens on 127.77.3.57: the connected socket gets ICMP port unreachable at once.
    await resolverWith([{ address: '127.77.3.57', port: 53 }], undefined, { upstreamTimeoutMs: 60_000 });
    expect((await askUdp(gateway, question('www.example.org'), { localAddress: plainContainer })).rcode).toBe('SERVFAIL');
  });

  test('beyond the limit of questions being forwarded at once, a new one gets SERVFAIL without being forwarded', async () => {
    const silent = await upstream(0, () => 'silent');
    await resolverWith([at(silent)], undefined, { upstreamTimeoutMs: 1_000, maxConcurrentForwards: 2 });
    const pending = [askUdp(gateway, question('one.example.org'), { localAddress: plainContainer }), askUdp(gateway, question('two.example.org'), { localAddress: plainContainer })];
    await waitUntil(() => silent.received.length === 2, 'the upstream server to receive two questions', 5_000, 10);
    expect((await askUdp(gateway, question('three.example.org'), { localAddress: plainContainer })).rcode).toBe('SERVFAIL');
    expect(silent.received.map((asked) => asked.name)).toEqual(['one.example.org', 'two.example.org']);
    expect((await Promise.all(pending)).map((reply) => reply.rcode)).toEqual(['SERVFAIL', 'SERVFAIL']);
  });

  test('closing the resolver lets go of questions still waiting for an upstream server', async () => {
    const silent = await upstream(0, () => 'silent');
    const resolver = await resolverWith([at(silent)], undefined, { upstreamTimeoutMs: 600_000 });
    const unanswered = exchangeUdp(gateway, question('slow.example.org'), { localAddress: plainContainer, timeoutMs: 500 });
    await waitUntil(() => silent.received.length === 1, 'the upstream server to receive the question', 5_000, 10);
    await resolver.close();
    expect(await unanswered).toBeUndefined();
    // Soon the only UDP socket left in this process is the fake upstream's: the forwarding socket is gone too.
    await waitUntil(() => process.getActiveResourcesInfo().filter((resource) => resource === 'UDPWrap').length === 1, 'the forwarding socket to close', 1_000, 10);
  });

  test('a question that came over TCP is forwarded over TCP', async () => {
    const fake = await upstream(0, addressAnswer('198.51.100.7'));
    await resolverWith([at(fake)], undefined);
    const [reply] = await askTcp(gateway, [question('www.example.org')], { localAddress: plainContainer });
    expect(reply?.answers).toMatchObject([{ type: 'A', data: '198.51.100.7' }]);
    expect(fake.received).toEqual([{ name: 'www.example.org', type: 'A', transport: 'tcp' }]);
  });

  test('PTR questions for addresses outside the table are forwarded', async () => {
    const fake = await upstream(0, (asked) => ({ rcode: 0, answers: [{ type: 'PTR', name: asked.name, ttl: 30, data: 'one.example.org' } as Answer] }));
    await resolverWith([at(fake)], undefined);
    expect(await client(plainContainer).reverse('198.51.100.1')).toEqual(['one.example.org']);
    expect(await client(plainContainer).reverse(customDnsContainer)).toEqual(['app-custom-1.app_default']);
    expect(fake.received.map((asked) => asked.name)).toEqual(['1.100.51.198.in-addr.arpa']);
  });
});
