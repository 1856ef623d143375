import { Resolver } from 'node:dns/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DnsResolver } from '../../../src/network/dns/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { askTcp, askUdp, portIsFree, question } from './dns-client.js';

// IPv6 needs an address of this host that no other test uses: ::1 is the only one, so it is
// this file's, as gateway and asking container at once (the source of a question to ::1 is ::1).
const gateway = '::1';

let resolver: DnsResolver;

beforeEach(async () => {
  resolver = new DnsResolver({ upstreams: () => [] });
  await resolver.listen('v6-id', gateway);
  resolver.names.add({ networkId: 'v6-id', networkName: 'six_default', containerId: 'c-client', containerName: 'six-client-1', ipv6: '::1', aliases: ['client'] });
  resolver.names.add({ networkId: 'v6-id', networkName: 'six_default', containerId: 'c-db', containerName: 'six-db-1', ipv4: '127.77.5.3', ipv6: 'fd77::3', aliases: ['db'] });
});

afterEach(async () => {
  await resolver.close();
  expect(await portIsFree(gateway), 'port 53 on ::1 is still held').toBe(true);
});

describeAsRoot('the resolver on an IPv6 gateway', () => {
  test('answers A, AAAA and ip6.arpa PTR over UDP and TCP', async () => {
    const dns = new Resolver({ timeout: 3_000, tries: 1 });
    dns.setServers([gateway]);
    expect(await dns.resolve6('db')).toEqual(['fd77::3']);
    expect(await dns.resolve4('db')).toEqual(['127.77.5.3']);
    expect(await dns.reverse('fd77::3')).toEqual(['six-db-1.six_default']);
    const [tcp] = await askTcp(gateway, [question('db', 'AAAA')]);
    expect(tcp?.answers).toMatchObject([{ type: 'AAAA', data: 'fd77::3' }]);
  });

  test('a name with only an IPv6 address gives NODATA for A', async () => {
    const reply = await askUdp(gateway, question('client'));
    expect(reply).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });
});
