import { expect, it } from 'vitest';
import type { Volume, VolumeListResponse } from '../../../../src/api/types/volumes.js';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawRequest } from '../system/raw-request.js';

describeAsRoot('the volumes routes', () => {
  const fixture = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawRequest(fixture.socketPath(), method, path, json);
  const names = (body: string): string[] => ((JSON.parse(body) as VolumeListResponse).Volumes ?? []).map((volume) => volume.Name);

  it('list answers Docker shape, empty too', async () => {
    const response = await call('GET', '/v1.41/volumes');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ Volumes: [], Warnings: null });
  });

  it('create answers 201 with the volume, and the same volume for a name it has', async () => {
    const first = await call('POST', '/volumes/create', { Name: 'made', Labels: { team: 'a' } });
    expect(first.status).toBe(201);
    expect(JSON.parse(first.body)).toMatchObject({ Name: 'made', Driver: 'local', Scope: 'local', Labels: { team: 'a' } });
    const second = await call('POST', '/volumes/create', { Name: 'made', Labels: { team: 'b' } });
    expect(second.status).toBe(201);
    expect((JSON.parse(second.body) as Volume).Labels).toEqual({ team: 'a' });
    await call('DELETE', '/volumes/made');
  });

  it('create without a name makes an anonymous volume', async () => {
    const response = await call('POST', '/volumes/create', {});
    expect(response.status).toBe(201);
    const { Name } = JSON.parse(response.body) as Volume;
    expect(Name).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('DELETE', `/volumes/${Name}`)).status).toBe(204);
  });

  it('list takes filters in both of Docker encodings, dangling included', async () => {
    const image = await fixture.engine.image('busybox');
    await call('POST', '/volumes/create', { Name: 'free', Labels: { team: 'c' } });
    const { Id } = await fixture.parts().containers.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none', Binds: ['taken:/data'] } });
    for (const filters of ['{"label":["team=c"]}', '{"label":{"team=c":true}}']) {
      expect(names((await call('GET', `/volumes?filters=${encodeURIComponent(filters)}`)).body)).toEqual(['free']);
    }
    expect(names((await call('GET', `/volumes?filters=${encodeURIComponent('{"dangling":["false"]}')}`)).body)).toEqual(['taken']);
    expect(names((await call('GET', `/volumes?filters=${encodeURIComponent('{"dangling":{"1":true}}')}`)).body)).toEqual(['free']);
    await fixture.parts().containers.remove(Id);
    await call('DELETE', '/volumes/free');
    await call('DELETE', '/volumes/taken');
  });

  it('answers a filter it does not know with a 400', async () => {
    const response = await call('GET', `/volumes?filters=${encodeURIComponent('{"colour":["red"]}')}`);
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { message: string }).message).toMatch(/colour/);
  });

  it('answers a missing volume with Docker 404 text, and a forced remove of one with 204', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await call(method, '/volumes/nope');
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toEqual({ message: 'get nope: no such volume' });
    }
    expect((await call('DELETE', '/volumes/nope?force=1')).status).toBe(204);
  });

  it('answers a volume in use with Docker 409 text', async () => {
    const image = await fixture.engine.image('busybox');
    const { Id } = await fixture.parts().containers.create({ Image: image, Cmd: ['true'], HostConfig: { NetworkMode: 'none', Binds: ['busy:/data'] } });
    const response = await call('DELETE', '/volumes/busy?force=True');
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: `remove busy: volume is in use - [${Id}]` });
    await fixture.parts().containers.remove(Id);
    expect((await call('DELETE', '/volumes/busy')).status).toBe(204);
  });

  it('answers an unknown driver as Docker does', async () => {
    const response = await call('POST', '/volumes/create', { Name: 'odd', Driver: 'nfs-plugin' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'create odd: error looking up volume plugin nfs-plugin: plugin "nfs-plugin" not found' });
  });

  it('prune removes the unused volumes that match, and says so', async () => {
    await call('POST', '/volumes/create', { Name: 'old', Labels: { keep: 'no' } });
    await call('POST', '/volumes/create', { Name: 'young' });
    const response = await call('POST', `/volumes/prune?filters=${encodeURIComponent('{"label":{"keep=no":true}}')}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ VolumesDeleted: ['old'], SpaceReclaimed: 0 });
    expect(names((await call('GET', '/volumes')).body)).toEqual(['young']);
    await call('DELETE', '/volumes/young');
  });
});
