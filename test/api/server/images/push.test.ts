import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hostPlatform, RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { json, messages, open, query, registryAuth, send } from './raw-api.js';
import { uploadGate } from './upload-gate.js';

describeAsRoot('POST /images/{name}/push pushes to a registry as dockerd does', () => {
  const api = useApiServer();

  test('a push streams dockerd\'s messages, and the registry then serves the image it names', async () => {
    const busybox = await api.engine.image('busybox');
    const host = api.engine.registry().host;
    expect((await send(api.socketPath(), 'POST', `/images/${busybox}/tag?${query({ repo: `${host}/berth-push/app`, tag: '1' })}`)).status).toBe(201);

    const pushed = await send(api.socketPath(), 'POST', `/images/${host}/berth-push/app/push?tag=1`, { headers: registryAuth({}) });

    expect(pushed.status).toBe(200);
    const lines = messages(pushed);
    expect(lines[0]).toEqual({ status: `The push refers to repository [${host}/berth-push/app]` });
    expect(lines[1]).toEqual({ status: 'Preparing', progressDetail: {}, id: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const outcomes = lines.filter((line) => line.id !== undefined && line.status !== 'Preparing' && line.status !== 'Pushing').map((line) => line.status);
    expect(outcomes).toEqual([expect.stringMatching(/^(Pushed|Layer already exists|Mounted from library\/busybox)$/)]);
    const aux = lines.at(-1)!.aux as { Tag: string; Digest: string; Size: number };
    expect(lines.slice(-2)).toEqual([{ status: `1: digest: ${aux.Digest} size: ${aux.Size}` }, { progressDetail: {}, aux: { Tag: '1', Digest: expect.stringMatching(/^sha256:/), Size: expect.any(Number) } }]);
    expect(api.parts().events.recent().filter((event) => event.Action === 'push').map((event) => event.Actor)).toEqual([{ ID: `${host}/berth-push/app:1`, Attributes: { name: `${host}/berth-push/app` } }]);

    const distribution = await send(api.socketPath(), 'GET', `/distribution/${host}/berth-push/app:1/json`);
    expect(distribution.status).toBe(200);
    expect(json(distribution)).toEqual({
      Descriptor: { mediaType: expect.stringMatching(/manifest/), digest: aux.Digest, size: aux.Size },
      Platforms: [hostPlatform()],
    });
  });

  test('a push of a tag the store does not have fails inside the stream, in dockerd\'s words', async () => {
    const host = api.engine.registry().host;

    const answer = await send(api.socketPath(), 'POST', `/images/${host}/berth-push/absent/push?tag=1`, { headers: registryAuth({}) });

    expect(answer.status).toBe(200);
    const message = `tag does not exist: ${host}/berth-push/absent:1`;
    expect(messages(answer)).toEqual([{ status: `The push refers to repository [${host}/berth-push/absent]` }, { errorDetail: { message }, error: message }]);
  });

  test('a client that goes away in the middle of an upload stops the push: no manifest in the registry, no lease', async () => {
    const busybox = await api.engine.image('busybox');
    const registry = api.engine.registry();
    const gate = await uploadGate(registry.host);
    try {
      const target = `${gate.host}/berth-push/abandoned`;
      expect((await send(api.socketPath(), 'POST', `/images/${busybox}/tag?${query({ repo: target, tag: '1' })}`)).status).toBe(201);
      const call = open(api.socketPath(), 'POST', `/images/${target}/push?tag=1`, { headers: registryAuth({}) });
      await call.response;
      await gate.arrived;

      const goneAt = performance.now();
      call.request.destroy();
      // Bounded, so a push that keeps uploading fails here with its figure rather than at the test's timeout.
      await Promise.race([gate.abandoned, new Promise((resolve) => setTimeout(resolve, 2000))]);
      const abandonedAfterMs = performance.now() - goneAt;

      expect(abandonedAfterMs).toBeLessThan(1000);
      await eventually(() => readdirSync(join(api.engine.root, 'images', 'leases')).length === 0, 'the push to let go of its lease');
      expect(await new RegistryClient(registry.host).headManifest('berth-push/abandoned', '1')).toBeUndefined();
      expect(api.parts().events.recent().filter((event) => event.Action === 'push' && event.Actor.ID.includes('abandoned'))).toEqual([]);
      expect(api.logged).toEqual([]);
    } finally {
      await gate.close();
    }
  });

  test('the registry\'s view of a tag it does not have is a 404 in dockerd\'s words', async () => {
    const host = api.engine.registry().host;

    const answer = await send(api.socketPath(), 'GET', `/distribution/${host}/berth-push/nowhere:1/json`);

    expect([answer.status, json(answer)]).toEqual([404, { message: `manifest for ${host}/berth-push/nowhere:1 not found: manifest unknown: manifest unknown` }]);
  });
});
