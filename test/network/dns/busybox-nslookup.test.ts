import { execFile } from 'node:child_process';
import type { Answer, Question } from 'dns-packet';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DnsResolver } from '../../../src/network/dns/index.js';
import { describeAsRoot } from '../../harness/root.js';
import { portIsFree } from './dns-client.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

// busybox nslookup cannot choose its source address: on loopback it asks from 127.0.0.1, so
// here that is the address of the asking container on this file's network.
const gateway = '127.77.4.1';
const upstreamAddress = '127.77.4.53';

let resolver: DnsResolver;
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(upstreamAddress, (asked: Question) =>
    asked.name === 'www.example.org' && asked.type === 'A' ? { rcode: 0, answers: [{ type: 'A', name: asked.name, ttl: 30, data: '198.51.100.80' } as Answer] } : { rcode: 3, authoritative: true },
  );
  resolver = new DnsResolver({ upstreams: () => [{ address: upstreamAddress, port: 53 }] });
  await resolver.listen('net-id', gateway);
  const add = (containerId: string, containerName: string, ipv4: string, aliases: string[]) => resolver.names.add({ networkId: 'net-id', networkName: 'shop_default', containerId, containerName, ipv4, aliases });
  add('c-client', 'shop-client-1', '127.0.0.1', ['client']);
  add('c-db1', 'shop-db-1', '127.77.4.3', ['db']);
  add('c-db2', 'shop-db-2', '127.77.4.4', ['db']);
});

afterAll(async () => {
  await resolver.close();
  await upstream.close();
  for (const address of [gateway, upstreamAddress]) expect(await portIsFree(address), `port 53 on ${address} is still held`).toBe(true);
});

/** busybox nslookup's output and exit code (it exits 1 when any of its questions failed). */
function nslookup(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('busybox', ['nslookup', ...args, gateway], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, output: `${stdout}${stderr}` });
    });
  });
}

describeAsRoot('busybox nslookup against the resolver', () => {
  test('a service name lists every replica', async () => {
    const { code, output } = await nslookup('-type=a', 'db');
    expect(code).toBe(0);
    expect(output).toContain('Address: 127.77.4.3');
    expect(output).toContain('Address: 127.77.4.4');
  });

  test('an address of a neighbour reads back as <container>.<network>', async () => {
    const { code, output } = await nslookup('127.77.4.4');
    expect(code).toBe(0);
    expect(output).toContain('4.4.77.127.in-addr.arpa\tname = shop-db-2.shop_default');
  });

  test('an outside name is answered by the upstream server', async () => {
    const { code, output } = await nslookup('-type=a', 'www.example.org');
    expect(code).toBe(0);
    expect(output).toMatch(/Name:\s+www\.example\.org\nAddress: 198\.51\.100\.80/);
  });

  test('a name nobody knows is NXDOMAIN', async () => {
    const { code, output } = await nslookup('-type=a', 'nosuch');
    expect(code).toBe(1);
    expect(output).toContain("can't find nosuch: NXDOMAIN");
  });
});
