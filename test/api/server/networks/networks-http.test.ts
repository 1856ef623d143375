import { expect, it } from 'vitest';
import type { Network, NetworkCreateResponse } from '../../../../src/api/types/networks.js';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawRequest } from '../system/raw-request.js';

describeAsRoot('the networks routes', () => {
  const fixture = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawRequest(fixture.socketPath(), method, path, json);

  it('create answers 201 with the id and an empty warning', async () => {
    const response = await call('POST', '/v1.41/networks/create', { Name: 'http_net', Labels: { team: 'a' } });
    expect(response.status).toBe(201);
    const created = JSON.parse(response.body) as NetworkCreateResponse;
    expect(created).toEqual({ Id: expect.stringMatching(/^[0-9a-f]{64}$/), Warning: '' });
  });

  it('list takes filters in both of Docker encodings', async () => {
    await call('POST', '/networks/create', { Name: 'labelled', Labels: { team: 'b' } });
    await call('POST', '/networks/create', { Name: 'plain' });
    for (const filters of ['{"label":["team=b"]}', '{"label":{"team=b":true}}']) {
      const response = await call('GET', `/networks?filters=${encodeURIComponent(filters)}`);
      expect(response.status).toBe(200);
      expect((JSON.parse(response.body) as Network[]).map((network) => network.Name)).toEqual(['labelled']);
    }
  });

  it('inspect finds a network by name or id prefix and ignores verbose and scope', async () => {
    const { Id } = JSON.parse((await call('POST', '/networks/create', { Name: 'found' })).body) as NetworkCreateResponse;
    for (const reference of ['found', Id.slice(0, 12)]) {
      const response = await call('GET', `/networks/${reference}?verbose=1&scope=local`);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ Name: 'found', Id, Driver: 'bridge', Scope: 'local' });
    }
  });

  it('answers a missing network with Docker 404 text', async () => {
    for (const [method, path] of [['GET', '/networks/nope'], ['DELETE', '/networks/nope'], ['POST', '/networks/nope/connect']] as const) {
      const response = await call(method, path, method === 'POST' ? { Container: 'nope' } : undefined);
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toEqual({ message: method === 'POST' ? 'No such container: nope' : 'network nope not found' });
    }
  });

  it('refuses to remove a predefined network', async () => {
    const response = await call('DELETE', '/networks/bridge');
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: 'bridge is a pre-defined network and cannot be removed' });
  });

  it('answers a body that is not JSON with a 400', async () => {
    const response = await rawRequest(fixture.socketPath(), 'POST', '/networks/create', undefined, '{"Name":');
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { message: string }).message).toMatch(/^invalid JSON in the request body/);
  });

  it('remove answers 204 and prune lists what went', async () => {
    await call('POST', '/networks/create', { Name: 'removed' });
    const removed = await call('DELETE', '/networks/removed');
    expect(removed.status).toBe(204);
    expect(removed.body).toBe('');
    await call('POST', '/networks/create', { Name: 'pruned', Labels: { keep: 'no' } });
    await call('POST', '/networks/create', { Name: 'kept' });
    const pruned = await call('POST', `/networks/prune?filters=${encodeURIComponent('{"label":{"keep=no":true}}')}`);
    expect(pruned.status).toBe(200);
    expect(JSON.parse(pruned.body)).toEqual({ NetworksDeleted: ['pruned'] });
  });
});
