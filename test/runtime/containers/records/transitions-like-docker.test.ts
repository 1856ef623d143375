import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { exited, kill, pause, remove, start, stop, unpause, type Lifecycle, type Transition } from '../../../../src/runtime/containers/records/index.js';
import { createdState } from '../../../../src/runtime/containers/records/container-status.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { engineRequest } from '../../../harness/engine-http.js';
import { ensureBusyboxImage } from '../../../harness/fixture-images.js';
import { call } from '../../../harness/raw-calls.js';

const engine = useDockerEngine();

type Step = [request: string, method: string, path: string, ours: (lifecycle: Lifecycle) => Transition<Lifecycle>];

/** What a request did, in the terms both engines share: `changed`, `unchanged` (304), or the error's text. */
function answerOf(status: number, body: string): string {
  if (status === 204) return 'changed';
  if (status === 304) return 'unchanged';
  // The API adds this prefix to kill's errors; the state machine's text is what follows it.
  return (JSON.parse(body) as { message: string }).message.replace(/^Cannot kill container: [0-9a-f]+: /, '');
}

describe('lifecycle transitions beside Docker 20.10', () => {
  it('allow, ignore and refuse the same requests in the same states, with the same texts', async () => {
    const image = await ensureBusyboxImage(engine());
    const { Id } = JSON.parse(await call(engine(), 'POST', '/containers/create', { Image: image, Cmd: ['sleep', '1000'] })) as { Id: string };
    const run = { pid: 1, at: new Date(), healthcheck: false };
    const steps: Step[] = [
      ['kill', 'POST', 'kill', kill],
      ['pause', 'POST', 'pause', pause],
      ['unpause', 'POST', 'unpause', unpause],
      ['stop', 'POST', 'stop?t=1', stop],
      ['start', 'POST', 'start', (lifecycle) => start(lifecycle, run)],
      ['start', 'POST', 'start', (lifecycle) => start(lifecycle, run)],
      ['unpause', 'POST', 'unpause', unpause],
      ['remove', 'DELETE', '', (lifecycle) => remove(lifecycle, { force: false })],
      ['pause', 'POST', 'pause', pause],
      ['pause', 'POST', 'pause', pause],
      ['start', 'POST', 'start', (lifecycle) => start(lifecycle, run)],
      ['remove', 'DELETE', '', (lifecycle) => remove(lifecycle, { force: false })],
      ['unpause', 'POST', 'unpause', unpause],
      ['kill', 'POST', 'kill', kill],
      ['kill', 'POST', 'kill', kill],
      ['pause', 'POST', 'pause', pause],
      ['stop', 'POST', 'stop?t=1', stop],
      ['remove', 'DELETE', '', (lifecycle) => remove(lifecycle, { force: false })],
    ];
    let lifecycle: Lifecycle = { Id, State: createdState(), RestartCount: 0, ManuallyStopped: false, RemovalInProgress: false };
    const docker: string[] = [];
    const berth: string[] = [];
    for (const [request, method, action, ours] of steps) {
      const answer = await engineRequest(engine().endpoint, { method, path: `/containers/${Id}${action ? `/${action}` : ''}` });
      docker.push(`${request}: ${answerOf(answer.status, answer.body)}`);
      try {
        const result = ours(lifecycle);
        lifecycle = result.lifecycle;
        berth.push(`${request}: ${result.changed ? 'changed' : 'unchanged'}`);
      } catch (error) {
        if (!(error instanceof BerthError)) throw error;
        berth.push(`${request}: ${error.message}`);
      }
      if (request === 'kill' && answer.status === 204) {
        // The process ends: Docker records the exit, and so does the state machine when the monitor reports it.
        const { StatusCode } = JSON.parse(await call(engine(), 'POST', `/containers/${Id}/wait`)) as { StatusCode: number };
        lifecycle = exited(lifecycle, { exitCode: StatusCode, at: new Date(), oomKilled: false, restart: false }).lifecycle;
      }
    }
    expect(berth).toEqual(docker);
  });
});
