import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { hostsFile, resolvConf } from '../../../../src/runtime/containers/etc-files/index.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../../harness/fixture-images.js';
import { call, runToExit } from '../../../harness/raw-calls.js';

// Docker's engine is the reference for the files' text.
const engine = useDockerEngine();

test("a container without a network gets the same hostname, hosts and resolv.conf text from berth as from Docker's engine", async () => {
  const image = await ensureBusyboxImage(engine());
  const settings = { hostname: 'web', extraHosts: ['db:10.0.0.5', 'six:fe80::1'], dns: ['9.9.9.9'], search: ['example.com'], options: ['ndots:2'] };
  const separator = '-----';

  const run = await runToExit(engine(), {
    Image: image,
    Hostname: settings.hostname,
    Tty: true,
    Cmd: ['sh', '-c', `cat /etc/hostname; echo ${separator}; cat /etc/hosts; echo ${separator}; cat /etc/resolv.conf`],
    HostConfig: { NetworkMode: 'none', ExtraHosts: settings.extraHosts, Dns: settings.dns, DnsSearch: settings.search, DnsOptions: settings.options },
  });
  const [hostname, hosts, resolv] = run.output.replace(/\r\n/g, '\n').split(`${separator}\n`);

  expect(run.exitCode).toBe(0);
  expect(hostname).toBe(`${settings.hostname}\n`);
  expect(hosts).toBe(hostsFile({ hostname: settings.hostname, extraHosts: settings.extraHosts }));
  expect(resolv).toBe(resolvConf({ host: readFileSync('/etc/resolv.conf', 'utf8'), ...settings }));
});

test("a container that sets no DNS of its own gets the host's resolv.conf from berth as from Docker's engine", async () => {
  const image = await ensureBusyboxImage(engine());

  const run = await runToExit(engine(), { Image: image, Tty: true, Cmd: ['cat', '/etc/resolv.conf'], HostConfig: { NetworkMode: 'none' } });

  expect(run.output.replace(/\r\n/g, '\n')).toBe(resolvConf({ host: readFileSync('/etc/resolv.conf', 'utf8') }));
});

test("a container on a user-defined network gets the resolv.conf Docker's embedded DNS writes, with berth's resolver in place of 127.0.0.11", async () => {
  const image = await ensureBusyboxImage(engine());
  const name = `resolv-${process.pid}`;
  await call(engine(), 'POST', '/networks/create', { Name: name });
  try {
    const variants = [{}, { DnsSearch: ['example.com'], DnsOptions: ['timeout:3'] }, { DnsOptions: ['ndots:3'] }];
    for (const variant of variants) {
      const run = await runToExit(engine(), { Image: image, Tty: true, Cmd: ['cat', '/etc/resolv.conf'], HostConfig: { NetworkMode: name, ...variant } });
      const settings = { host: readFileSync('/etc/resolv.conf', 'utf8'), resolver: '127.0.0.11', ...('DnsSearch' in variant ? { search: variant.DnsSearch } : {}), ...('DnsOptions' in variant ? { options: variant.DnsOptions } : {}) };
      expect(run.output.replace(/\r\n/g, '\n'), JSON.stringify(variant)).toBe(resolvConf(settings));
    }
  } finally {
    await call(engine(), 'POST', '/containers/prune');
    await call(engine(), 'DELETE', `/networks/${name}`);
  }
});
