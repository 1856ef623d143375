import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import type { ContainerInspect, EngineClient } from '../../../src/api/index.js';
import { awaitCondition } from '../../../src/scheduler/execute/await-dependency.js';

/** An engine whose container turns healthy on the given look, counting the looks. */
function engineTurningHealthy(onLook: number): { client: EngineClient; looks: () => number } {
  let looks = 0;
  const inspect = async (): Promise<ContainerInspect> => {
    looks += 1;
    const status = looks >= onLook ? 'healthy' : 'starting';
    return { State: { Running: true, Restarting: false, ExitCode: 0, Health: { Status: status, FailingStreak: 0, Log: [] } }, Config: { Healthcheck: { Retries: 3 } } } as unknown as ContainerInspect;
  };
  return { client: { containers: { inspect } } as unknown as EngineClient, looks: () => looks };
}

describe('waiting for a dependency to be healthy', () => {
  test('a long wait leaves no abort listener behind on the run\'s signal (Node warns past ten)', async () => {
    const engine = engineTurningHealthy(30);
    const run = new AbortController();
    const events: string[] = [];

    await awaitCondition(engine.client, { service: 'db', container: 'p-db-1' }, 'service_healthy', { progress: (event) => events.push(event.status), signal: run.signal, pollMs: 1 });

    expect(engine.looks()).toBe(30);
    expect(events).toEqual(['Waiting', 'Healthy']);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  test('an abort during the wait ends it with the abort\'s reason', async () => {
    const engine = engineTurningHealthy(Number.POSITIVE_INFINITY);
    const run = new AbortController();
    const waiting = awaitCondition(engine.client, { service: 'db', container: 'p-db-1' }, 'service_healthy', { progress: () => undefined, signal: run.signal, pollMs: 50 });
    setTimeout(() => run.abort(new Error('interrupted')), 120);
    await expect(waiting).rejects.toThrow('interrupted');
  });
});
