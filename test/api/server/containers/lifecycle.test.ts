import { expect, test } from 'vitest';
import { describeAsRoot } from '../../../harness/root.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawCall, rawStream, readAll } from './raw-api.js';

describeAsRoot('the containers routes: create, lifecycle, wait, remove', () => {
  const server = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawCall(server.socketPath(), method, path, json === undefined ? {} : { json });

  async function created(command: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const answer = await call('POST', '/v1.41/containers/create', { Image: await server.engine.image('busybox'), Cmd: command, ...extra });
    expect(answer.status, answer.text()).toBe(201);
    const body = answer.json<{ Id: string; Warnings: string[] }>();
    expect(body.Warnings).toEqual([]);
    return body.Id;
  }

  test('a created container started after its wait was accepted answers the wait with its exit code', async () => {
    const id = await created(['sh', '-c', 'exit 3']);
    const wait = await rawStream(server.socketPath(), 'POST', `/v1.41/containers/${id}/wait?condition=next-exit`);
    // The status line came before the container ran: the wait cannot miss the exit.
    expect(wait.statusCode).toBe(200);
    expect(wait.headers['content-type']).toBe('application/json');
    expect((await call('POST', `/v1.41/containers/${id}/start`)).status).toBe(204);
    expect(JSON.parse((await readAll(wait)).toString())).toEqual({ Error: null, StatusCode: 3 });
    const inspected = (await call('GET', `/v1.41/containers/${id}/json`)).json<{ State: { Status: string; ExitCode: number } }>();
    expect(inspected.State).toMatchObject({ Status: 'exited', ExitCode: 3 });
  });

  test('starting a running container and stopping a stopped one answer 304', async () => {
    const id = await created(['sleep', '300']);
    expect((await call('POST', `/containers/${id}/start`)).status).toBe(204);
    expect((await call('POST', `/containers/${id}/start`)).status).toBe(304);
    expect((await call('POST', `/containers/${id}/stop?t=1`)).status).toBe(204);
    expect((await call('POST', `/containers/${id}/stop?t=1`)).status).toBe(304);
    const wait = await call('POST', `/containers/${id}/wait`);
    expect(wait.json()).toEqual({ Error: null, StatusCode: 137 });
  });

  test('an unknown container is Docker\'s 404 with its text', async () => {
    for (const [method, path] of [['GET', '/containers/nosuch/json'], ['POST', '/containers/nosuch/start'], ['POST', '/containers/nosuch/wait'], ['GET', '/containers/nosuch/logs?stdout=1'], ['DELETE', '/containers/nosuch']] as const) {
      const answer = await call(method, path);
      expect([method, path, answer.status]).toEqual([method, path, 404]);
      expect(answer.message()).toBe('No such container: nosuch');
    }
    const kill = await call('POST', '/containers/nosuch/kill');
    expect(kill.status).toBe(404);
    expect(kill.message()).toBe('Cannot kill container: nosuch: No such container: nosuch');
  });

  test('a create from an image the engine does not have is Docker\'s 404 naming the tagged image', async () => {
    const answer = await call('POST', '/containers/create?name=never', { Image: 'busybox-not-pulled' });
    expect(answer.status).toBe(404);
    expect(answer.message()).toBe('No such image: busybox-not-pulled:latest');
    expect((await call('GET', '/containers/never/json')).status).toBe(404);
  });

  test('kill sends the signal asked for, and killing a stopped container is a 409 naming it', async () => {
    const id = await created(['sh', '-c', 'trap "echo got TERM; exit 7" TERM; echo ready; while true; do sleep 0.1; done']);
    const wait = await rawStream(server.socketPath(), 'POST', `/containers/${id}/wait?condition=next-exit`);
    expect((await call('POST', `/containers/${id}/start`)).status).toBe(204);
    await readyLine(server.socketPath(), id);
    expect((await call('POST', `/containers/${id}/kill?signal=TERM`)).status).toBe(204);
    expect(JSON.parse((await readAll(wait)).toString())).toEqual({ Error: null, StatusCode: 7 });
    const again = await call('POST', `/containers/${id}/kill`);
    expect(again.status).toBe(409);
    expect(again.message()).toBe(`Cannot kill container: ${id}: Container ${id} is not running`);
    const bad = await call('POST', `/containers/${id}/kill?signal=SIGNOPE`);
    expect([bad.status, bad.message()]).toEqual([400, 'Invalid signal: SIGNOPE']);
  });

  test('a running container is removed only with force, and link removal is refused', async () => {
    const id = await created(['sleep', '300'], { Labels: { purpose: 'remove' } });
    expect((await call('POST', `/containers/${id}/start`)).status).toBe(204);
    const refused = await call('DELETE', `/containers/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.message()).toBe(`You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`);
    const link = await call('DELETE', `/containers/${id}?link=1`);
    expect(link.status).toBe(400);
    expect((await call('DELETE', `/containers/${id}?force=1`)).status).toBe(204);
    expect((await call('GET', `/containers/${id}/json`)).status).toBe(404);
  });

  test('pause and unpause answer 204, and a paused container cannot be paused again', async () => {
    const id = await created(['sleep', '300']);
    await call('POST', `/containers/${id}/start`);
    expect((await call('POST', `/containers/${id}/pause`)).status).toBe(204);
    const twice = await call('POST', `/containers/${id}/pause`);
    expect([twice.status, twice.message()]).toEqual([409, `Container ${id} is already paused`]);
    expect((await call('POST', `/containers/${id}/unpause`)).status).toBe(204);
    expect((await call('POST', `/containers/${id}/restart?t=0`)).status).toBe(204);
    expect((await call('GET', `/containers/${id}/json`)).json<{ State: { Status: string } }>().State.Status).toBe('running');
  });

  test('the list shows running containers, all of them with all, the newest with limit, and filters by label', async () => {
    const stopped = await created(['true'], { Labels: { tier: 'a' } });
    const running = await created(['sleep', '300'], { Labels: { tier: 'b' } });
    await call('POST', `/containers/${running}/start`);
    const ids = async (query: string): Promise<string[]> => (await call('GET', `/containers/json${query}`)).json<{ Id: string }[]>().map((container) => container.Id);
    expect(await ids('')).toEqual([running]);
    expect(await ids('?all=1')).toEqual([running, stopped]);
    expect(await ids('?limit=1')).toEqual([running]);
    expect(await ids(`?all=true&filters=${encodeURIComponent(JSON.stringify({ label: ['tier=a'] }))}`)).toEqual([stopped]);
    const top = await call('GET', `/containers/${running}/top`);
    expect(top.json<{ Titles: string[] }>().Titles).toContain('PID');
  });

  test('prune removes the stopped containers the filters keep and says which', async () => {
    const old = await created(['true'], { Labels: { prune: 'yes' } });
    const kept = await created(['true'], { Labels: { prune: 'no' } });
    const running = await created(['sleep', '300'], { Labels: { prune: 'yes' } });
    await call('POST', `/containers/${running}/start`);
    const answer = await call('POST', `/containers/prune?filters=${encodeURIComponent(JSON.stringify({ label: ['prune=yes'] }))}`);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ ContainersDeleted: [old], SpaceReclaimed: 0 });
    const left = (await call('GET', '/containers/json?all=1')).json<{ Id: string }[]>().map((container) => container.Id).sort();
    expect(left).toEqual([kept, running].sort());
    const none = await call('POST', `/containers/prune?filters=${encodeURIComponent(JSON.stringify({ until: ['1000000000'] }))}`);
    expect(none.json()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
    const bad = await call('POST', `/containers/prune?filters=${encodeURIComponent(JSON.stringify({ status: ['exited'] }))}`);
    expect([bad.status, bad.message()]).toEqual([400, "Invalid filter 'status'"]);
  });
});

/** Waits until the container has written `ready` (its trap is set), following its log. */
async function readyLine(socketPath: string, id: string): Promise<void> {
  const log = await rawStream(socketPath, 'GET', `/containers/${id}/logs?stdout=1&follow=1`);
  let seen = '';
  for await (const piece of log as AsyncIterable<Buffer>) {
    seen += piece.toString('latin1');
    if (seen.includes('ready')) break;
  }
  log.destroy();
}
