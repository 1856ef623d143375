import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeStore } from '../tui-fixture.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('TuiStore', () => {
  it('stores container output as printable text', () => {
    const store = makeStore();
    store.addLog({ service: 'web', container: 'web-1', stream: 'stdout', text: '\u001b[31mred\u001b[0m\tdone\r' });
    expect(store.logs.at(0)?.text).toBe('red    done');
  });

  it('redraws once for a burst of log lines, after a short delay', () => {
    vi.useFakeTimers();
    const store = makeStore();
    const redraws = vi.fn();
    store.subscribe(redraws);
    for (let index = 0; index < 1000; index++) store.addLog({ service: 'web', container: 'web-1', stream: 'stdout', text: `line ${index}` });
    expect(redraws).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(redraws).toHaveBeenCalledTimes(1);
    expect(store.logs.total).toBe(1000);
  });

  it('redraws at once on an update', () => {
    const store = makeStore();
    const redraws = vi.fn();
    store.subscribe(redraws);
    const before = store.version();
    store.update((state) => (state.notice = 'hello'));
    expect(redraws).toHaveBeenCalledTimes(1);
    expect(store.version()).not.toBe(before);
  });

  it('keeps only logCapacity lines', () => {
    const store = makeStore({ logCapacity: 5 });
    for (let index = 0; index < 8; index++) store.addLog({ service: 'web', container: 'web-1', stream: 'stdout', text: `line ${index}` });
    expect(store.logs.dropped).toBe(3);
  });

  it('starts in the starting phase under up and running when attached', () => {
    expect(makeStore({ mode: 'up' }).state.phase).toBe('starting');
    expect(makeStore({ mode: 'attach' }).state.phase).toBe('running');
  });

  it('draws nothing more after close', () => {
    vi.useFakeTimers();
    const store = makeStore();
    const redraws = vi.fn();
    store.subscribe(redraws);
    store.addLog({ service: 'web', container: 'web-1', stream: 'stdout', text: 'late' });
    store.close();
    vi.advanceTimersByTime(100);
    expect(redraws).not.toHaveBeenCalled();
  });
});
