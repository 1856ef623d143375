import { describe, expect, it } from 'vitest';
import type { ContainerConfig } from '../../../../src/api/types/containers.js';
import type { ImageConfig } from '../../../../src/api/types/images.js';
import { mergeImageConfig } from '../../../../src/runtime/containers/records/index.js';

const image: ImageConfig = {
  User: 'postgres',
  Env: ['PATH=/usr/local/bin:/usr/bin', 'PGDATA=/var/lib/postgresql/data', 'LANG=C.UTF-8'],
  Entrypoint: ['docker-entrypoint.sh'],
  Cmd: ['postgres'],
  WorkingDir: '/',
  ExposedPorts: { '5432/tcp': {} },
  Volumes: { '/var/lib/postgresql/data': {} },
  Labels: { maintainer: 'debian', version: '15' },
  StopSignal: 'SIGINT',
  Healthcheck: { Test: ['CMD', 'pg_isready'], Interval: 30e9, Retries: 3 },
};

const merge = (config: ContainerConfig): ContainerConfig => mergeImageConfig({ ...config, Image: 'postgres:15' }, image);

describe("merging the image's config into a container's", () => {
  it('takes every default from the image when the container gives none, as Docker shows in inspect', () => {
    expect(merge({})).toEqual({ ...image, Image: 'postgres:15' });
  });

  it("puts the container's variables first and keeps the image's it does not set", () => {
    expect(merge({ Env: ['PGDATA=/data', 'POSTGRES_PASSWORD=x'] }).Env).toEqual(['PGDATA=/data', 'POSTGRES_PASSWORD=x', 'PATH=/usr/local/bin:/usr/bin', 'LANG=C.UTF-8']);
  });

  it.each<[string, ContainerConfig, Pick<ContainerConfig, 'Entrypoint' | 'Cmd'>]>([
    ['a command replaces the image command and keeps its entrypoint', { Cmd: ['postgres', '-c', 'fsync=off'] }, { Entrypoint: ['docker-entrypoint.sh'], Cmd: ['postgres', '-c', 'fsync=off'] }],
    ['an entrypoint drops the image command too', { Entrypoint: ['sh', '-c'] }, { Entrypoint: ['sh', '-c'], Cmd: undefined }],
    ['an entrypoint and a command are the container own', { Entrypoint: ['sh'], Cmd: ['-c', 'true'] }, { Entrypoint: ['sh'], Cmd: ['-c', 'true'] }],
    ['an empty entrypoint clears the image one and keeps the image command', { Entrypoint: [] }, { Entrypoint: [], Cmd: ['postgres'] }],
    ['an empty entrypoint with a command runs the command alone', { Entrypoint: [], Cmd: ['id'] }, { Entrypoint: [], Cmd: ['id'] }],
  ])('%s', (_, config, expected) => {
    const merged = merge(config);
    expect({ Entrypoint: merged.Entrypoint, Cmd: merged.Cmd }).toEqual(expected);
  });

  it('joins ports, volumes and labels, the container winning on a shared label', () => {
    const merged = merge({ ExposedPorts: { '8080/tcp': {} }, Volumes: { '/cache': {} }, Labels: { version: 'mine', 'com.docker.compose.service': 'db' } });
    expect(Object.keys(merged.ExposedPorts ?? {}).sort()).toEqual(['5432/tcp', '8080/tcp']);
    expect(Object.keys(merged.Volumes ?? {}).sort()).toEqual(['/cache', '/var/lib/postgresql/data']);
    expect(merged.Labels).toEqual({ maintainer: 'debian', version: 'mine', 'com.docker.compose.service': 'db' });
  });

  it('fills a health check field by field, and gives empty labels rather than none', () => {
    expect(merge({ Healthcheck: { Interval: 5e9 } }).Healthcheck).toEqual({ Test: ['CMD', 'pg_isready'], Interval: 5e9, Retries: 3 });
    expect(mergeImageConfig({ Image: 'scratch' }, {})).toEqual({ Image: 'scratch', Labels: {} });
  });

  it("keeps the container's user, working directory and stop signal over the image's", () => {
    expect(merge({ User: '1000:1000', WorkingDir: '/app', StopSignal: 'SIGTERM' })).toMatchObject({ User: '1000:1000', WorkingDir: '/app', StopSignal: 'SIGTERM' });
  });
});
