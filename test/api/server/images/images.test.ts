import { expect, test } from 'vitest';
import type { ImageDeleteItem, ImageSummary } from '../../../../src/api/types/images.js';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { json, query, send, type RawAnswer } from './raw-api.js';
import { dockerArchive } from './tiny-images.js';

describeAsRoot('the images routes list, inspect, tag, remove and prune as dockerd does', () => {
  const api = useApiServer();
  const call = (method: string, path: string, body?: Buffer): Promise<RawAnswer> => send(api.socketPath(), method, path, body ? { body } : {});
  const load = async (archive: Buffer): Promise<void> => expect((await call('POST', '/images/load', archive)).status).toBe(200);
  const list = async (filters: Record<string, string[]>): Promise<ImageSummary[]> => json(await call('GET', `/images/json?${query({ filters: JSON.stringify(filters) })}`));
  const idOf = async (name: string): Promise<string> => json<{ Id: string }>(await call('GET', `/images/${name}/json`)).Id;
  const imageEvents = (id: string) => api.parts().events.recent().filter((event) => event.Type === 'image' && event.Actor.ID === id).map((event) => [event.Action, event.Actor.Attributes.name]);

  test('an image is inspected by any of its names, slashes and registry port included, or is a 404 in dockerd\'s words', async () => {
    const busybox = await api.engine.image('busybox');

    const inspected = await call('GET', `/v1.41/images/${busybox}/json`);
    expect(inspected.status).toBe(200);
    expect(json(inspected)).toMatchObject({ Id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), RepoTags: [busybox], Os: 'linux' });
    const history = await call('GET', `/images/${busybox}/history`);
    expect(history.status).toBe(200);
    expect(json<Array<{ Id: string; Tags: string[] }>>(history)[0]).toMatchObject({ Id: json<{ Id: string }>(inspected).Id, Tags: [busybox] });

    const missing = await call('GET', '/images/nope:1/json');
    expect(missing.status).toBe(404);
    expect(json(missing)).toEqual({ message: 'No such image: nope:1' });
  });

  test('the list filters by reference (narrowing the names), label, before, since and dangling', async () => {
    const busybox = await api.engine.image('busybox');
    const busyboxId = await idOf(busybox);
    for (const [repo, tag] of [['berth-list/a', '1'], ['berth-list/b', '2']]) expect((await call('POST', `/images/${busybox}/tag?${query({ repo: repo!, tag: tag! })}`)).status).toBe(201);
    const labeled = dockerArchive({ tags: ['berth-list/labeled:1'], labels: { tier: 'test' } });
    const untagged = dockerArchive({ tags: [] });
    await load(labeled.archive);
    await load(untagged.archive);

    expect(await list({ reference: ['berth-list/a'] })).toEqual([
      expect.objectContaining({ Id: busyboxId, RepoTags: ['berth-list/a:1'], RepoDigests: [expect.stringMatching(/^berth-list\/a@sha256:/)], Containers: -1, SharedSize: -1 }),
    ]);
    expect((await list({ reference: ['berth-list/*'] })).map((image) => [image.Id, image.RepoTags])).toEqual([
      [labeled.id, ['berth-list/labeled:1']],
      [busyboxId, ['berth-list/a:1', 'berth-list/b:2']],
    ]);
    expect((await list({ label: ['tier=test'] })).map((image) => image.Id)).toEqual([labeled.id]);
    expect(await list({ label: ['tier=prod'] })).toEqual([]);
    expect((await list({ reference: ['berth-list/*'], since: [busybox] })).map((image) => image.Id)).toEqual([labeled.id]);
    expect((await list({ reference: ['berth-list/*'], before: ['berth-list/labeled:1'] })).map((image) => image.Id)).toEqual([busyboxId]);

    const dangling = await list({ dangling: ['true'] });
    expect(dangling).toContainEqual(expect.objectContaining({ Id: untagged.id, RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] }));
    expect(dangling.map((image) => image.Id)).not.toContain(busyboxId);
    expect((await list({ dangling: ['false'] })).map((image) => image.Id)).not.toContain(untagged.id);
  });

  test('an unknown filter or an unreadable value is dockerd\'s 400', async () => {
    const unknown = await call('GET', `/images/json?${query({ filters: '{"colour":["red"]}' })}`);
    expect([unknown.status, json(unknown)]).toEqual([400, { message: "invalid filter 'colour'" }]);
    const unreadable = await call('GET', `/images/json?${query({ filters: '{"dangling":["maybe"]}' })}`);
    expect([unreadable.status, json(unreadable)]).toEqual([400, { message: "invalid filter 'dangling=[maybe]'" }]);
  });

  test('a tag answers 201; removing names untags them, and the last one deletes the image and its layer', async () => {
    const image = dockerArchive({ tags: ['berth-rm/own:1'] });
    await load(image.archive);

    const tagged = await call('POST', `/images/berth-rm/own:1/tag?${query({ repo: 'localhost:5000/berth-rm/other', tag: '2' })}`);
    expect([tagged.status, tagged.body.length]).toEqual([201, 0]);
    const untagged = await call('DELETE', '/images/localhost:5000/berth-rm/other:2');
    expect([untagged.status, json(untagged)]).toEqual([200, [{ Untagged: 'localhost:5000/berth-rm/other:2' }]]);
    const deleted = await call('DELETE', '/images/berth-rm/own:1');
    expect([deleted.status, json(deleted)]).toEqual([200, [{ Untagged: 'berth-rm/own:1' }, { Deleted: image.id }, { Deleted: image.diffId }]]);

    expect((await call('GET', '/images/berth-rm/own:1/json')).status).toBe(404);
    const again = await call('DELETE', '/images/berth-rm/own:1');
    expect([again.status, json(again)]).toEqual([404, { message: 'No such image: berth-rm/own:1' }]);
    expect(imageEvents(image.id)).toEqual([
      ['load', image.id],
      ['tag', 'localhost:5000/berth-rm/other:2'],
      ['untag', image.id],
      ['untag', image.id],
      ['delete', image.id],
    ]);
  });

  test('an image a container uses is kept with dockerd\'s 409 texts, by name and by id', async () => {
    const image = dockerArchive({ tags: ['berth-used:1'] });
    await load(image.archive);
    const { Id } = await api.engine.engine().create({ Image: 'berth-used:1' });
    const [container, shortImage] = [Id.slice(0, 12), image.id.slice(7, 19)];

    const byName = await call('DELETE', '/images/berth-used:1');
    expect([byName.status, json(byName)]).toEqual([409, { message: `conflict: unable to remove repository reference "berth-used:1" (must force) - container ${container} is using its referenced image ${shortImage}` }]);
    const byId = await call('DELETE', `/images/${image.id}`);
    expect([byId.status, json(byId)]).toEqual([409, { message: `conflict: unable to delete ${shortImage} (must be forced) - image is being used by stopped container ${container}` }]);
    expect((await call('GET', '/images/berth-used:1/json')).status).toBe(200);

    const forced = await call('DELETE', '/images/berth-used:1?force=1');
    expect([forced.status, json<ImageDeleteItem[]>(forced)]).toEqual([200, [{ Untagged: 'berth-used:1' }]]);
  });

  test('prune removes the dangling images its filters select and adds up the space their layers took', async () => {
    const dangling = dockerArchive({ tags: [], labels: { prune: 'me' } });
    const tagged = dockerArchive({ tags: ['berth-prune/kept:1'], labels: { prune: 'me' } });
    await load(dangling.archive);
    await load(tagged.archive);
    const prune = async (filters: Record<string, string[]>) => json(await call('POST', `/images/prune?${query({ filters: JSON.stringify(filters) })}`));

    // The layer is one file of 4096 bytes.
    expect(await prune({ label: ['prune=me'] })).toEqual({ ImagesDeleted: [{ Deleted: dangling.id }, { Deleted: dangling.diffId }], SpaceReclaimed: 4096 });
    expect(await prune({ label: ['prune=me'] })).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
    expect(await prune({ label: ['prune=me'], dangling: ['false'] })).toEqual({
      ImagesDeleted: [{ Untagged: 'berth-prune/kept:1' }, { Deleted: tagged.id }, { Deleted: tagged.diffId }],
      SpaceReclaimed: 4096,
    });
    const refused = await call('POST', `/images/prune?${query({ filters: '{"reference":["x"]}' })}`);
    expect([refused.status, json(refused)]).toEqual([400, { message: "invalid filter 'reference'" }]);
  });
});
