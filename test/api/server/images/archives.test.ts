import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { json, messages, query, send, type RawAnswer } from './raw-api.js';
import { uniqueRootfs } from './tiny-images.js';

describeAsRoot('the images routes import, save and load as dockerd does', () => {
  const api = useApiServer();
  const call = (method: string, path: string, body?: Buffer | string): Promise<RawAnswer> => send(api.socketPath(), method, path, body !== undefined ? { body } : {});
  const imageEvents = (id: string) => api.parts().events.recent().filter((event) => event.Type === 'image' && event.Actor.ID === id).map((event) => [event.Action, event.Actor.Attributes.name]);

  test('an import answers the new id and applies the changes and the message', async () => {
    const path = `/images/create?${query({ fromSrc: '-', repo: 'berth-import/app', tag: '2', changes: ['CMD ["/bin/sh"]', 'ENV A=b'], message: 'made by a test' })}`;

    const imported = await call('POST', path, uniqueRootfs());

    expect(imported.status).toBe(200);
    const [answer] = messages(imported);
    expect(answer).toEqual({ status: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const inspected = json(await call('GET', '/images/berth-import/app:2/json'));
    expect(inspected).toMatchObject({ Id: answer!.status, Comment: 'made by a test', Config: { Cmd: ['/bin/sh'], Env: ['A=b'] } });
    expect(imageEvents(answer!.status!)).toEqual([['tag', 'berth-import/app:2'], ['import', answer!.status]]);
  });

  test('an image saved, removed and loaded again comes back with the same id and name', async () => {
    const id = messages(await call('POST', `/images/create?${query({ fromSrc: '-', repo: 'berth-save/own', tag: '1' })}`, uniqueRootfs()))[0]!.status!;

    const saved = await call('GET', '/images/berth-save/own:1/get');
    expect(saved.status).toBe(200);
    expect(saved.headers['content-type']).toBe('application/x-tar');
    expect(execFileSync('tar', ['-t'], { input: saved.body }).toString().split('\n')).toEqual(expect.arrayContaining(['manifest.json', 'index.json', 'oci-layout']));
    const removed = await call('DELETE', '/images/berth-save/own:1');
    expect(json<Array<{ Deleted?: string }>>(removed)).toContainEqual({ Deleted: id });

    const loaded = await call('POST', '/images/load?quiet=1', saved.body);

    expect(loaded.status).toBe(200);
    expect(messages(loaded)).toEqual([{ stream: 'Loaded image: berth-save/own:1\n' }]);
    expect(json(await call('GET', '/images/berth-save/own:1/json'))).toMatchObject({ Id: id, RepoTags: ['berth-save/own:1'] });
    expect(imageEvents(id).map(([action]) => action)).toEqual(['tag', 'import', 'save', 'untag', 'delete', 'load']);
  });

  test('saving several images by the names query gives one archive with each of them', async () => {
    for (const tag of ['1', '2']) await call('POST', `/images/create?${query({ fromSrc: '-', repo: 'berth-save/many', tag })}`, uniqueRootfs());

    const saved = await call('GET', `/images/get?${query({ names: ['berth-save/many:1', 'berth-save/many:2'] })}`);

    expect(saved.status).toBe(200);
    const manifest = JSON.parse(execFileSync('tar', ['-xO', 'manifest.json'], { input: saved.body }).toString()) as Array<{ RepoTags: string[] }>;
    expect(manifest.map((entry) => entry.RepoTags).sort()).toEqual([['berth-save/many:1'], ['berth-save/many:2']]);
  });

  test('saving an image the store does not have is a 404 before any tar byte', async () => {
    const answer = await call('GET', `/images/get?${query({ names: 'nope:1' })}`);

    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(json(answer)).toEqual({ message: 'No such image: nope:1' });
  });

  test('loading something that is not an image archive answers 200 and ends the stream with the error, as dockerd does', async () => {
    const answer = await call('POST', '/images/load', Buffer.alloc(2048, 'x'));

    expect(answer.status).toBe(200);
    const [failure] = messages(answer);
    expect(failure).toEqual({ errorDetail: { message: expect.any(String) }, error: failure!.errorDetail!.message });
  });
});
