import { describe, expect, it } from 'vitest';
import { mergeCommitConfig } from '../../../../src/runtime/containers/commit/merge-commit-config.js';
import type { RunConfig } from '../../../../src/runtime/containers/commit/run-config.js';

const container: RunConfig = {
  User: 'app',
  Env: ['PATH=/bin', 'MODE=dev'],
  Cmd: ['serve'],
  Entrypoint: ['/entry'],
  WorkingDir: '/srv',
  ExposedPorts: { '80/tcp': {} },
  Volumes: { '/data': {} },
  Labels: { team: 'core' },
  StopSignal: 'SIGINT',
  Healthcheck: { Test: ['CMD', 'check'], Interval: 5e9, Retries: 3 },
};

describe('the committed config', () => {
  it('completes what the requested config leaves empty from the container', () => {
    expect(mergeCommitConfig({ Cmd: ['other'] }, structuredClone(container))).toEqual({
      ...container,
      Cmd: ['other'],
    });
  });

  it('keeps what the requested config sets and adds what it lacks of Env, ports, volumes and labels', () => {
    const merged = mergeCommitConfig({ Env: ['MODE=prod'], ExposedPorts: { '443/tcp': {} }, Volumes: { '/cache': {} }, Labels: { team: 'web', tier: 'front' }, User: 'root' }, structuredClone(container));
    expect(merged).toMatchObject({
      Env: ['MODE=prod', 'PATH=/bin'],
      ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
      Volumes: { '/data': {}, '/cache': {} },
      Labels: { team: 'web', tier: 'front' },
      User: 'root',
    });
  });

  it("takes the container's command only when the requested config has neither entrypoint nor command", () => {
    expect(mergeCommitConfig({ Entrypoint: ['/other'] }, structuredClone(container))).toMatchObject({ Entrypoint: ['/other'] });
    expect(mergeCommitConfig({ Entrypoint: ['/other'] }, structuredClone(container)).Cmd).toBeUndefined();
    // An empty entrypoint set on purpose stays empty, and the container's command comes back.
    expect(mergeCommitConfig({ Entrypoint: [] }, structuredClone(container))).toMatchObject({ Entrypoint: [], Cmd: ['serve'] });
  });

  it("fills the healthcheck's zero fields from the container's", () => {
    expect(mergeCommitConfig({ Healthcheck: { Timeout: 2e9 } }, structuredClone(container)).Healthcheck).toEqual({ Test: ['CMD', 'check'], Interval: 5e9, Timeout: 2e9, Retries: 3 });
  });

  it('always has a label map, empty or not, as Docker writes it', () => {
    expect(mergeCommitConfig({}, {}).Labels).toEqual({});
  });
});
