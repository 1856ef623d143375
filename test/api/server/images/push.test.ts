import { expect, test } from 'vitest';
import { hostPlatform } from '../../../../src/runtime/images/registry/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { json, messages, query, registryAuth, send } from './raw-api.js';

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

  test('the registry\'s view of a tag it does not have is a 404 in dockerd\'s words', async () => {
    const host = api.engine.registry().host;

    const answer = await send(api.socketPath(), 'GET', `/distribution/${host}/berth-push/nowhere:1/json`);

    expect([answer.status, json(answer)]).toEqual([404, { message: `manifest for ${host}/berth-push/nowhere:1 not found: manifest unknown: manifest unknown` }]);
  });
});
