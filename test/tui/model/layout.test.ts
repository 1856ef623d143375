import { describe, expect, it } from 'vitest';
import { layoutOf, timestampWidth, type Layout } from '../../../src/tui/model/layout.js';
import type { TuiState } from '../../../src/tui/model/tui-state.js';
import { makeStore, replica, spec } from '../tui-fixture.js';

/** Title, status bar and the logs' title row, with every panel's rows. */
function rowsUsed(layout: Layout): number {
  return 1 + 1 + 1 + layout.services + layout.progress + layout.errors + layout.logs;
}

function stateOf(change: (state: TuiState) => void = () => undefined, options: Parameters<typeof makeStore>[0] = {}): TuiState {
  const store = makeStore(options);
  store.update(change);
  return store.state;
}

describe('layoutOf', () => {
  it('gives the services a header and a row each, and the logs the rest, at 80x24', () => {
    const layout = layoutOf(stateOf());
    expect(layout.services).toBe(4);
    expect(layout.progress).toBe(0);
    expect(layout.errors).toBe(0);
    expect(layout.logs).toBe(24 - 3 - 4);
    expect(rowsUsed(layout)).toBe(24);
  });

  it('gives a service a row per replica', () => {
    const layout = layoutOf(stateOf((state) => state.replicas.set('web', [replica('web-1'), replica('web-2')])));
    expect(layout.services).toBe(5);
    expect(rowsUsed(layout)).toBe(24);
  });

  it('caps the services panel at a third of the screen when there are many services', () => {
    const specs = Array.from({ length: 20 }, (_, index) => spec(`service${index}`));
    const layout = layoutOf(stateOf(undefined, { specs }));
    expect(layout.services).toBe(Math.floor(22 / 3));
    expect(rowsUsed(layout)).toBe(24);
  });

  it('gives rows to the steps under way while starting, at most four', () => {
    const layout = layoutOf(stateOf((state) => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) state.progress.set(`Volume ${name}`, { resource: `Volume ${name}`, status: 'Creating', done: false, failed: false });
      state.progress.set('Network n', { resource: 'Network n', status: 'Created', done: true, failed: false });
    }, { mode: 'up' }));
    expect(layout.progress).toBe(4);
    expect(rowsUsed(layout)).toBe(24);
  });

  it('gives no rows to progress once running', () => {
    const layout = layoutOf(stateOf((state) => {
      state.phase = 'running';
      state.progress.set('Volume a', { resource: 'Volume a', status: 'Creating', done: false, failed: false });
    }, { mode: 'up' }));
    expect(layout.progress).toBe(0);
  });

  it('gives the latest error enough rows for its message, up to six, and takes them from the logs', () => {
    const short = layoutOf(stateOf((state) => state.errors.push({ time: 0, title: 'up', message: 'no such image' })));
    expect(short.errors).toBe(1);
    expect(rowsUsed(short)).toBe(24);
    // `✘ up: ` and 200 letters at 80 columns: a word too long for a row is broken at the row's end.
    const long = layoutOf(stateOf((state) => state.errors.push({ time: 0, title: 'up', message: 'x'.repeat(200) })));
    expect(long.errors).toBe(4);
    expect(rowsUsed(long)).toBe(24);
    const huge = layoutOf(stateOf((state) => state.errors.push({ time: 0, title: 'up', message: 'x'.repeat(5000) })));
    expect(huge).toMatchObject({ errors: 6, errorMessage: 5 });
    expect(rowsUsed(huge)).toBe(24);
  });

  it('keeps at least three rows of logs on a short screen', () => {
    expect(layoutOf(stateOf(undefined, { rows: 8 })).logs).toBe(3);
  });

  it('gives the log text what the name column and the timestamps leave', () => {
    const plain = layoutOf(stateOf());
    expect(plain.logPrefix).toBe('worker'.length + 2 + 3);
    expect(plain.logText).toBe(80 - plain.logPrefix);
    const stamped = layoutOf(stateOf((state) => (state.logs = { ...state.logs, timestamps: true })));
    expect(stamped.logText).toBe(80 - plain.logPrefix - timestampWidth);
  });

  it('follows a new size', () => {
    const layout = layoutOf(stateOf((state) => {
      state.columns = 120;
      state.rows = 40;
    }));
    expect(rowsUsed(layout)).toBe(40);
    expect(layout.logText).toBe(120 - layout.logPrefix);
  });
});
