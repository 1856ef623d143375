import { expect, test } from 'vitest';
import { InsecureHosts } from '../../../../src/runtime/images/registry/insecure-hosts.js';

test('loopback hosts may use plain HTTP without configuration', () => {
  const hosts = new InsecureHosts();
  expect(['127.0.0.1:5000', '127.1.2.3', 'localhost', 'LOCALHOST:5000', '[::1]:5000'].map((host) => hosts.allows(host))).toEqual([true, true, true, true, true]);
});

test('other hosts must use HTTPS unless listed by name or by CIDR', () => {
  const hosts = new InsecureHosts(['registry.lan:5000', '10.20.0.0/16']);
  expect(hosts.allows('docker.io')).toBe(false);
  expect(hosts.allows('128.0.0.1:5000')).toBe(false);
  expect(hosts.allows('registry.lan:5000')).toBe(true);
  expect(hosts.allows('registry.lan')).toBe(false);
  expect(hosts.allows('10.20.3.4:5000')).toBe(true);
  expect(hosts.allows('10.21.3.4:5000')).toBe(false);
});
