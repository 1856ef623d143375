import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { hostUpstreamSource, nameserversOf, readHostUpstreams, type HostResolvConfFiles } from '../../../src/network/dns/index.js';

const directories: string[] = [];
afterEach(() => {
  while (directories.length > 0) rmSync(directories.pop()!, { recursive: true, force: true });
});

function hostFiles(resolvConf: string | undefined, systemd: string | undefined): HostResolvConfFiles {
  const directory = mkdtempSync(join(tmpdir(), 'berth-dns-upstreams-'));
  directories.push(directory);
  const files = { resolvConf: join(directory, 'resolv.conf'), systemdResolvConf: join(directory, 'systemd-resolv.conf') };
  if (resolvConf !== undefined) writeFileSync(files.resolvConf, resolvConf);
  if (systemd !== undefined) writeFileSync(files.systemdResolvConf, systemd);
  return files;
}

const servers = (...addresses: string[]) => addresses.map((address) => ({ address, port: 53 }));

describe("the host's upstream servers", () => {
  test('are the nameserver lines of resolv.conf, in order, at most three, comments and junk ignored', () => {
    const text = '# written by dhclient\nsearch corp.example\nnameserver 10.0.0.53 # office\nnameserver fe80::1%eth0\n;nameserver 10.9.9.9\nnameserver not-an-address\nnameserver 10.0.0.54\nnameserver 10.0.0.55\noptions ndots:2\n';
    expect(nameserversOf(text)).toEqual(servers('10.0.0.53', 'fe80::1%eth0', '10.0.0.54'));
  });

  test("keep loopback servers: the resolver runs on the host, where they answer", () => {
    expect(readHostUpstreams(hostFiles('nameserver 127.0.0.1\nnameserver ::1\n', undefined))).toEqual(servers('127.0.0.1', '::1'));
  });

  test("are systemd-resolved's real servers when resolv.conf lists only its 127.0.0.53 stub", () => {
    expect(readHostUpstreams(hostFiles('nameserver 127.0.0.53\noptions edns0 trust-ad\n', 'nameserver 192.0.2.1\nnameserver 192.0.2.2\n'))).toEqual(servers('192.0.2.1', '192.0.2.2'));
  });

  test("are the stub itself when systemd-resolved's file is missing or empty, and nothing without resolv.conf", () => {
    expect(readHostUpstreams(hostFiles('nameserver 127.0.0.53\n', undefined))).toEqual(servers('127.0.0.53'));
    expect(readHostUpstreams(hostFiles('nameserver 127.0.0.53\n', '# no servers\n'))).toEqual(servers('127.0.0.53'));
    expect(readHostUpstreams(hostFiles(undefined, undefined))).toEqual([]);
  });

  test('are read again when resolv.conf changes', () => {
    const files = hostFiles('nameserver 10.0.0.53\n', undefined);
    const upstreams = hostUpstreamSource(files);
    expect(upstreams()).toEqual(servers('10.0.0.53'));
    writeFileSync(files.resolvConf, 'nameserver 10.0.0.153\nnameserver 10.0.0.154\n');
    expect(upstreams()).toEqual(servers('10.0.0.153', '10.0.0.154'));
  });
});
