import { describe, expect, it } from 'vitest';
import { addLines, colourCodes, keys, makeStore, rawLineWith, renderApp, replica, useTerminalColours } from '../tui-fixture.js';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';

useTerminalColours();

/** Something of every kind the UI colours: states, logs, a note, an error, progress. */
function busyStore(colour: boolean): TuiStore {
  const store = makeStore({ colour, mode: 'up' });
  store.update((state) => {
    state.replicas = new Map([
      ['db', [replica('db-1', { state: 'unhealthy', lastCheck: 'refused', startedAt: state.now - 5000 })]],
      ['web', [replica('web-1', { state: 'healthy', ports: ['127.0.0.1:8080->80'] })]],
      ['worker', [replica('worker-1', { state: 'exited', exitCode: 1 })]],
    ]);
    state.progress.set('Volume demo_data', { resource: 'Volume demo_data', status: 'Creating', done: false, failed: false });
    state.progress.set('Network demo_default', { resource: 'Network demo_default', status: 'Error', done: true, failed: true });
    state.errors.push({ time: 0, title: 'restart web', message: 'the engine said no' });
  });
  addLines(store, 'db-1', ['ready']);
  addLines(store, 'web-1', ['GET / 200 error-free']);
  addLines(store, 'worker-1', ['── exited with code 1 ──'], 'note');
  return store;
}

describe('colours', () => {
  it("colours each service's log prefix, a different colour per service", async () => {
    const app = await renderApp(busyStore(true));
    const db = colourCodes(rawLineWith(app.raw(), 'db-1     | ready'));
    const web = colourCodes(rawLineWith(app.raw(), 'web-1    | GET'));
    expect(db.length).toBeGreaterThan(0);
    expect(web.length).toBeGreaterThan(0);
    expect(db[0]).not.toBe(web[0]);
  });

  it('draws no colour at all when colours are off (NO_COLOR), on the main screen', async () => {
    const app = await renderApp(busyStore(false));
    expect(app.text()).toContain('db-1     | ready');
    expect(app.text()).toContain('restart web: the engine said no');
    expect(colourCodes(app.raw())).toEqual([]);
  });

  it('draws no colour when colours are off, with a filter, a prompt error, a notice and the overlays', async () => {
    const app = await renderApp(busyStore(false));
    await app.press('/', 'error', keys.enter);
    await app.waitFor('/error/');
    await app.press('f');
    await app.waitFor('matches marked');
    expect(colourCodes(app.raw())).toEqual([]);
    await app.press('/', '(', keys.enter);
    await app.waitFor('Invalid regular expression');
    expect(colourCodes(app.raw())).toEqual([]);
    await app.press(keys.escape, 'j', 'o');
    await app.waitFor('http://127.0.0.1:8080/');
    expect(colourCodes(app.raw())).toEqual([]);
    await app.press('?');
    await app.waitFor('Keys · esc or ? closes');
    expect(colourCodes(app.raw())).toEqual([]);
    await app.press(keys.escape, 'E');
    await app.waitFor('Errors (1)');
    expect(colourCodes(app.raw())).toEqual([]);
  });

  it('does colour the same screen when colours are on', async () => {
    const app = await renderApp(busyStore(true));
    expect(colourCodes(app.raw()).length).toBeGreaterThan(5);
  });
});
