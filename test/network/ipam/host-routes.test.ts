import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCidr, parseHostRoutes, readHostRoutes } from '../../../src/network/ipam/index.js';
import { describeAsRoot } from '../../harness/root.js';

const shown = (json: string) => parseHostRoutes(json).map((route) => `${formatCidr(route.destination)} ${route.device}`);

describe("the host's routes", () => {
  it('are read from `ip -json route`, host routes as /32, default routes left out', () => {
    const json = JSON.stringify([
      { dst: 'default', gateway: '192.0.2.1', dev: 'eth0', flags: [] },
      { dst: '192.0.2.0/24', dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: '192.0.2.2', flags: [] },
      { dst: '10.8.0.7', dev: 'tun0', flags: [] },
      { type: 'blackhole', dst: '10.254.254.0/24', flags: [] },
      { dst: '172.18.0.0/16', dev: 'br-0123456789ab', flags: ['linkdown'] },
    ]);
    expect(shown(json)).toEqual(['192.0.2.0/24 eth0', '10.8.0.7/32 tun0', '10.254.254.0/24 ', '172.18.0.0/16 br-0123456789ab']);
  });

  it('are none when ip prints nothing (an empty table)', () => {
    expect(parseHostRoutes('')).toEqual([]);
    expect(parseHostRoutes('[]\n')).toEqual([]);
  });
});

describeAsRoot("the host's routes, read from the kernel", () => {
  // TEST-NET-2 (RFC 5737): routed nowhere, so a blackhole route there changes nothing real.
  const testRoute = '198.51.100.128/25';

  afterEach(() => {
    // Whether or not the test got as far as adding it: a missing route is no failure here.
    spawnSync('ip', ['route', 'del', 'blackhole', testRoute], { stdio: 'ignore' });
    expect(execFileSync('ip', ['-4', 'route', 'show', 'table', 'main'], { encoding: 'utf8' })).not.toContain('198.51.100.128');
  });

  it('include a route just added to the main table', async () => {
    execFileSync('ip', ['route', 'add', 'blackhole', testRoute]);
    const routes = await readHostRoutes();
    expect(routes.map((route) => formatCidr(route.destination))).toContain(testRoute);
    expect(routes.find((route) => formatCidr(route.destination) === testRoute)?.device).toBe('');
  });
});
