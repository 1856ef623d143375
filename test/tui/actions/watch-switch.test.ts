import { describe, expect, it } from 'vitest';
import { watchSwitch } from '../../../src/tui/actions/watch-switch.js';
import { fakeWatch, gate } from '../fake-watch.js';
import { makeStore } from '../tui-fixture.js';

describe('closing the watch switch (the UI closing)', () => {
  it('stops a running watch and says watch off', async () => {
    const store = makeStore();
    const watch = fakeWatch();
    const switched = watchSwitch(store, watch);
    await switched.toggle();
    await switched.close();
    expect(watch.stops).toBe(1);
    expect([store.state.watch, store.state.notice]).toEqual([undefined, 'watch off']);
  });

  it('waits for a start under way, then stops the watch it started', async () => {
    const started = gate();
    const watch = fakeWatch({ until: started.promise });
    const switched = watchSwitch(makeStore(), watch);
    void switched.toggle();
    const closing = switched.close();
    started.open();
    await closing;
    expect([watch.starts, watch.stops]).toEqual([1, 1]);
  });

  it('leaves a watch that was never started alone, and starts none afterwards', async () => {
    const watch = fakeWatch();
    const switched = watchSwitch(makeStore(), watch);
    await switched.close();
    await switched.toggle();
    expect([watch.starts, watch.stops]).toEqual([0, 0]);
  });

  it('rejects when the watch fails to stop, as the errors panel is going away', async () => {
    const store = makeStore();
    const switched = watchSwitch(store, fakeWatch({ stopFailure: new Error('file watcher would not close') }));
    await switched.toggle();
    await expect(switched.close()).rejects.toThrow('file watcher would not close');
    expect(store.state.watch).toBeUndefined();
  });
});

describe('stopping the watch with w', () => {
  it('puts a failure to stop in the errors panel and counts the watch as off', async () => {
    const store = makeStore();
    const switched = watchSwitch(store, fakeWatch({ stopFailure: new Error('file watcher would not close') }));
    await switched.toggle();
    await switched.toggle();
    expect(store.state.watch).toBeUndefined();
    expect(store.state.notice).toBe('stopping watch failed: E shows why');
    expect(store.state.errors).toEqual([expect.objectContaining({ title: 'stopping watch', message: 'file watcher would not close' })]);
  });
});
