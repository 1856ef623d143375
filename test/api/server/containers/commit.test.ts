import { expect, test } from 'vitest';
import type { EngineEvent } from '../../../../src/api/types/events.js';
import { describeAsRoot } from '../../../harness/root.js';
import { runToExit } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawCall, rawStream } from './raw-api.js';

describeAsRoot('POST /commit', () => {
  const server = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawCall(server.socketPath(), method, path, json === undefined ? {} : { json });

  async function exited(script: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { id, exitCode } = await runToExit(server.parts().containers, { Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', script], ...extra });
    expect(exitCode).toBe(0);
    return id;
  }

  test('answers 201 with the image id, and the image has the changes, the comment and the author', async () => {
    const id = await exited('echo made > /made.txt');
    const query = new URLSearchParams({ container: id.slice(0, 12), repo: 'api-commit', tag: '1', comment: 'from the API', author: 'API Tests' });
    query.append('changes', 'CMD ["cat","/made.txt"]');
    query.append('changes', 'ENV STAGE=api');

    const answer = await call('POST', `/v1.41/commit?${query}`);

    expect(answer.status, answer.text()).toBe(201);
    const { Id } = answer.json<{ Id: string }>();
    expect(Id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const image = (await call('GET', '/v1.41/images/api-commit:1/json')).json<{ Id: string; Author: string; Config: { Cmd: string[]; Env: string[] } }>();
    expect(image).toMatchObject({ Id, Author: 'API Tests', Config: { Cmd: ['cat', '/made.txt'], Env: expect.arrayContaining(['STAGE=api']) } });
    const history = (await call('GET', '/v1.41/images/api-commit:1/history')).json<Array<{ CreatedBy: string; Comment: string }>>();
    expect(history[0]).toMatchObject({ CreatedBy: 'sh -c echo made > /made.txt', Comment: 'from the API' });
    expect((await runToExit(server.parts().containers, { Image: 'api-commit:1' })).log).toBe('made\n');
  });

  test('publishes the tag and then the commit, with dockerd\'s attributes', async () => {
    const id = await exited('true', { Labels: { role: 'probe' } });
    const seen: EngineEvent[] = [];
    const stop = server.parts().events.subscribe((event) => seen.push(event));

    const answer = await call('POST', `/v1.41/commit?container=${id}&repo=api-events&tag=2&comment=hello`);
    stop();

    const { Id } = answer.json<{ Id: string }>();
    expect(seen.map((event) => [event.Type, event.Action, event.Actor.ID])).toEqual([
      ['image', 'tag', Id],
      ['container', 'commit', id],
    ]);
    expect(seen[0]!.Actor.Attributes).toMatchObject({ name: 'api-events:2' });
    expect(seen[1]!.Actor.Attributes).toMatchObject({ comment: 'hello', imageID: Id, imageRef: 'api-events:2', role: 'probe', image: await server.engine.image('busybox') });
  });

  test('takes a config from the body in place of the container\'s, completed from it', async () => {
    const id = await exited('true', { Env: ['FROM_CONTAINER=1'], Labels: { kept: 'yes' } });

    const answer = await call('POST', `/v1.41/commit?container=${id}&repo=api-body`, { Cmd: ['echo', 'from the body'], Labels: { added: 'yes' } });

    expect(answer.status, answer.text()).toBe(201);
    const image = (await call('GET', '/v1.41/images/api-body/json')).json<{ Config: { Cmd: string[]; Env: string[]; Labels: Record<string, string> } }>();
    expect(image.Config).toMatchObject({ Cmd: ['echo', 'from the body'], Env: expect.arrayContaining(['FROM_CONTAINER=1']), Labels: { kept: 'yes', added: 'yes' } });
  });

  test('does not pause a running container when told pause=0', async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sleep', '60'] });
    await containers.start(Id);
    const actions: string[] = [];
    const stop = server.parts().events.subscribe((event) => event.Actor.ID === Id && actions.push(event.Action));

    expect((await call('POST', `/v1.41/commit?container=${Id}&pause=0`)).status).toBe(201);
    expect((await call('POST', `/v1.41/commit?container=${Id}`)).status).toBe(201);
    stop();

    expect(actions).toEqual(['commit', 'pause', 'unpause', 'commit']);
  });

  test('answers Docker\'s 404 for a missing container and 400 for a change it does not take', async () => {
    const missing = await call('POST', '/v1.41/commit?container=nosuch');
    expect([missing.status, missing.message()]).toEqual([404, 'No such container: nosuch']);

    const id = await exited('true');
    const bad = await call('POST', `/v1.41/commit?container=${id}&changes=${encodeURIComponent('RUN echo no')}`);
    expect([bad.status, bad.message()]).toEqual([400, 'run is not a valid change command']);
    const badEnv = await call('POST', `/v1.41/commit?container=${id}&changes=ENV`);
    expect([badEnv.status, badEnv.message()]).toEqual([400, 'ENV requires at least one argument']);
  });

  test('refuses a body that is not JSON, as dockerd does', async () => {
    const id = await exited('true');
    const answer = await rawStream(server.socketPath(), 'POST', `/v1.41/commit?container=${id}`, { body: Buffer.from('not json') });
    expect(answer.statusCode).toBe(400);
    answer.resume();
  });
});
