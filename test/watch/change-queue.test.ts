import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ChangeQueue } from '../../src/watch/change-queue.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recordingQueue(handle: (paths: string[]) => Promise<void> = async () => undefined): { queue: ChangeQueue; batches: string[][]; errors: unknown[] } {
  const batches: string[][] = [];
  const errors: unknown[] = [];
  const queue = new ChangeQueue({
    quietMs: 100,
    maxWaitMs: 1000,
    handle: async (paths) => {
      batches.push(paths);
      await handle(paths);
    },
    onError: (error) => errors.push(error),
  });
  return { queue, batches, errors };
}

describe('the change queue of a service', () => {
  test('hands over a burst of changes as one batch once they stop coming', async () => {
    const { queue, batches } = recordingQueue();
    for (let index = 0; index < 50; index++) {
      queue.add(`/site/${index}.txt`);
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(50);
  });

  test('names a path changed twice once', async () => {
    const { queue, batches } = recordingQueue();
    queue.add('/site/a');
    queue.add('/site/a');
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['/site/a']]);
  });

  test('hands over a steady stream of changes at least once a second', async () => {
    const { queue, batches } = recordingQueue();
    for (let index = 0; index < 30; index++) {
      queue.add(`/site/${index}`);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(batches.length).toBeGreaterThanOrEqual(1);
  });

  test('queues the changes made while a batch runs and hands them over after it, never two at once', async () => {
    let finish: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const { queue, batches } = recordingQueue(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (finish = resolve));
      running--;
    });
    queue.add('/src/a');
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['/src/a']]);
    queue.add('/src/b');
    queue.add('/src/c');
    await vi.advanceTimersByTimeAsync(500);
    expect(batches).toHaveLength(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['/src/a'], ['/src/b', '/src/c']]);
    finish();
    await queue.settled();
    expect(most).toBe(1);
  });

  test('reports a failed batch and goes on with the next', async () => {
    const { queue, batches, errors } = recordingQueue(async (paths) => {
      if (paths.includes('/bad')) throw new Error('sync failed');
    });
    queue.add('/bad');
    await vi.advanceTimersByTimeAsync(100);
    queue.add('/good');
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['/bad'], ['/good']]);
    expect(errors).toHaveLength(1);
  });

  test('drops what waits once closed', async () => {
    const { queue, batches } = recordingQueue();
    queue.add('/site/a');
    await queue.close();
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toHaveLength(0);
  });
});
