import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { busyboxTarball } from './busybox-tarball.js';
import { useDockerEngine } from './docker-engine.js';
import { ensureBusyboxImage } from './fixture-images.js';
import { call, runToExit } from './raw-calls.js';

test('the busybox tar has root-owned entries in name order, applets linked to /bin/busybox', () => {
  const listing = execFileSync('tar', ['--list', '--verbose', '--numeric-owner', `--file=${busyboxTarball()}`], { encoding: 'utf8' }).trim().split('\n');
  const names = listing.map((line) => line.split(/\s+/)[5]!);

  expect(listing.every((line) => line.split(/\s+/)[1] === '0/0')).toBe(true);
  expect(names).toEqual([...names].sort());
  expect(listing.some((line) => line.includes('./bin/sh -> /bin/busybox'))).toBe(true);
  expect(names).toEqual(expect.arrayContaining(['./etc/passwd', './etc/group', './tmp/', './usr/bin/wget']));
});

describe('the busybox fixture image', () => {
  const engine = useDockerEngine();

  test('runs sh by default and knows the users root and nobody', async () => {
    const image = await ensureBusyboxImage(engine());
    const { Config } = JSON.parse(await call(engine(), 'GET', `/images/${image}/json`)) as { Config: { Cmd: string[] } };

    const nobody = await runToExit(engine(), { Image: image, Cmd: ['id'], User: 'nobody' });

    expect(Config.Cmd).toEqual(['sh']);
    expect(nobody.output).toContain('uid=65534(nobody) gid=65534(nobody)');
  });

  test('is imported once per engine: a second call finds the same image', async () => {
    const first = JSON.parse(await call(engine(), 'GET', `/images/${await ensureBusyboxImage(engine())}/json`)) as { Id: string };
    const second = JSON.parse(await call(engine(), 'GET', `/images/${await ensureBusyboxImage(engine())}/json`)) as { Id: string };

    expect(second.Id).toBe(first.Id);
  });
});
