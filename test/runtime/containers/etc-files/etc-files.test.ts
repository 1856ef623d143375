import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hostsFile, resolvConf, upstreamNameservers, writeEtcFiles } from '../../../../src/runtime/containers/etc-files/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'berth-etc-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a container's /etc/hosts", () => {
  test("holds Docker's defaults, the extra hosts, then the container's addresses with its hostname", () => {
    expect(hostsFile({ hostname: 'web', domainname: 'example.test', extraHosts: ['db:10.0.0.5', 'six:fe80::1'], addresses: ['172.20.0.3'] })).toBe(
      [
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'ff00::0\tip6-mcastprefix',
        'ff02::1\tip6-allnodes',
        'ff02::2\tip6-allrouters',
        '10.0.0.5\tdb',
        'fe80::1\tsix',
        '172.20.0.3\tweb.example.test web',
        '',
      ].join('\n'),
    );
  });

  test('refuses an extra host without a name or an address, saying how to write one', () => {
    for (const entry of ['10.0.0.5', ':10.0.0.5', 'db:', 'my db:10.0.0.5']) {
      expect(() => hostsFile({ hostname: 'web', extraHosts: [entry] }), entry).toThrow(expect.objectContaining({ code: 'CONTAINER_EXTRA_HOST_INVALID', hint: expect.stringContaining('somehost:162.242.195.82') }));
    }
  });
});

describe("a container's /etc/resolv.conf", () => {
  const host = '# written by the host\nnameserver 127.0.0.53\nnameserver 10.255.255.53\nsearch corp.example\noptions edns0 trust-ad\n';

  test("is the host's file, comments and all, without its loopback resolver, when the container sets nothing", () => {
    expect(resolvConf({ host })).toBe('# written by the host\nnameserver 10.255.255.53\nsearch corp.example\noptions edns0 trust-ad\n');
  });

  test("puts the container's dns, dns_search and dns_opt in place of the host's", () => {
    expect(resolvConf({ host, dns: ['9.9.9.9'], search: ['example.com'], options: ['ndots:2'] })).toBe('search example.com\nnameserver 9.9.9.9\noptions ndots:2\n');
    expect(resolvConf({ host, options: ['ndots:2'] })).toBe('search corp.example\nnameserver 10.255.255.53\noptions ndots:2\n');
  });

  test("falls back to Docker's public resolvers when the host has only loopback ones", () => {
    expect(resolvConf({ host: 'nameserver 127.0.0.53\n' })).toBe('nameserver 8.8.8.8\nnameserver 8.8.4.4\n');
    expect(upstreamNameservers({ host: 'nameserver 127.0.0.53\n' })).toEqual(['8.8.8.8', '8.8.4.4']);
  });

  test("names only the container's own resolver when it has one, which forwards to the others", () => {
    expect(resolvConf({ host, resolver: '127.0.0.11', options: ['ndots:0'] })).toBe('search corp.example\nnameserver 127.0.0.11\noptions ndots:0\n');
    expect(upstreamNameservers({ host })).toEqual(['10.255.255.53']);
  });

  test('adds ndots:0 for the resolver, as Docker does on a user-defined network, unless the container sets its own ndots', () => {
    expect(resolvConf({ host: 'nameserver 10.255.255.53\n', resolver: '10.1.0.1' })).toBe('nameserver 10.1.0.1\noptions ndots:0\n');
    expect(resolvConf({ host, resolver: '10.1.0.1' })).toBe('search corp.example\nnameserver 10.1.0.1\noptions edns0 trust-ad ndots:0\n');
    expect(resolvConf({ host, resolver: '10.1.0.1', options: ['attempts:2', 'ndots:1'] })).toBe('search corp.example\nnameserver 10.1.0.1\noptions attempts:2 ndots:1\n');
  });
});

describe('writing the files', () => {
  test('rewrites an existing file in place, keeping the inode a running container has bind-mounted', async () => {
    const hostResolvConf = join(scratch, 'host-resolv.conf');
    writeFileSync(hostResolvConf, 'nameserver 10.0.0.1\n');
    const directory = join(scratch, 'container');
    const first = await writeEtcFiles(directory, { hostname: 'a-long-first-hostname', extraHosts: ['db:10.0.0.5'], hostResolvConf });
    const inode = statSync(first.hosts).ino;

    const second = await writeEtcFiles(directory, { hostname: 'short', hostResolvConf });

    expect(second).toEqual(first);
    expect(statSync(second.hosts).ino).toBe(inode);
    expect(readFileSync(second.hostname, 'utf8')).toBe('short\n');
    expect(readFileSync(second.hosts, 'utf8')).not.toContain('db');
    expect(readFileSync(second.resolvConf, 'utf8')).toBe('nameserver 10.0.0.1\n');
  });
});
