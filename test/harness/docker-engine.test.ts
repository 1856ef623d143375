import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BerthError } from '../../src/errors/berth-error.js';
import { startDockerEngine, startTestEngine, useDockerEngine } from './docker-engine.js';
import { findDockerd } from './dockerd-process.js';
import { processesOf } from './engine-leftovers.js';
import { ensureBusyboxImage } from './fixture-images.js';
import { listBridges } from './host-bridges.js';
import { call, runToExit } from './raw-calls.js';

describe('a shared test engine', () => {
  const engine = useDockerEngine();

  test('runs a container from the busybox fixture image to exit code 0', async () => {
    const image = await ensureBusyboxImage(engine());

    const run = await runToExit(engine(), { Image: image, Cmd: ['echo', 'hello'] });

    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('hello');
  });

  test('resolves a container by name on a user-defined network', async () => {
    const image = await ensureBusyboxImage(engine());
    await call(engine(), 'POST', '/networks/create', { Name: 'dns-check', Driver: 'bridge' });
    const { Id } = JSON.parse(await call(engine(), 'POST', '/containers/create?name=db', { Image: image, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'dns-check' } })) as { Id: string };
    await call(engine(), 'POST', `/containers/${Id}/start`);

    const lookup = await runToExit(engine(), { Image: image, Cmd: ['nslookup', 'db'], HostConfig: { NetworkMode: 'dns-check' } });

    expect(lookup.exitCode).toBe(0);
    expect(lookup.output).toMatch(/Address: 10\.\d+\.\d+\.\d+/);
  });
});

test('stopping an engine leaves no socket, directory, process or bridge behind', async () => {
  const bridgesBefore = listBridges();
  const engine = await startDockerEngine();
  const image = await ensureBusyboxImage(engine);
  await call(engine, 'POST', '/networks/create', { Name: 'left-behind', Driver: 'bridge' });
  const { Id } = JSON.parse(await call(engine, 'POST', '/containers/create', { Image: image, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'left-behind' } })) as { Id: string };
  await call(engine, 'POST', `/containers/${Id}/start`);

  await engine.stop();

  expect(existsSync(engine.directory)).toBe(false);
  expect(engine.endpoint.kind === 'unix' && existsSync(engine.endpoint.socketPath)).toBe(false);
  expect(processesOf(engine.directory)).toEqual([]);
  expect([...listBridges()].filter((bridge) => !bridgesBefore.has(bridge))).toEqual([]);
});

test('a dockerd that cannot start fails with the end of its log', async () => {
  const error = await startDockerEngine({ dockerdArgs: ['--no-such-flag'] }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(BerthError);
  expect((error as BerthError).message).toContain('dockerd exited during start-up');
  expect((error as BerthError).message).toContain('unknown flag: --no-such-flag');
});

test('a missing dockerd is an error that says what to install', () => {
  const error = (() => {
    try {
      findDockerd(['/nonexistent']);
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();

  expect(error).toBeInstanceOf(BerthError);
  expect((error as BerthError).hint).toContain('apt-get install docker.io');
});

test('an unknown engine kind is refused with the kinds that exist', async () => {
  const error = await startTestEngine('podman').catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(BerthError);
  expect((error as BerthError).message).toContain('unknown test engine "podman"');
  expect((error as BerthError).hint).toContain('docker');
});
