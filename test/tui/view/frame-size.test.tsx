import { describe, expect, it } from 'vitest';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';
import { addLines, keys, makeStore, renderApp, replica, spec, type RenderedApp } from '../tui-fixture.js';

/** A screen with everything at once: many services, long log lines, progress, a long error. */
function crowdedStore(): TuiStore {
  const specs = ['db', 'cache', 'api', 'web', 'worker', 'scheduler', 'mailer', 'search-indexer-with-a-long-name'].map((name) => spec(name));
  const store = makeStore({ specs, mode: 'up' });
  store.update((state) => {
    state.replicas = new Map([
      ['db', [replica('db-1', { state: 'unhealthy', lastCheck: 'a very long health check output that goes on and on '.repeat(3), startedAt: state.now - 90_000_000, ports: ['127.0.0.1:5432->5432'] })]],
      ['api', [replica('api-1', { ports: ['0.0.0.0:8080->80', '0.0.0.0:8443->443', '0.0.0.0:5353->53/udp'] }), replica('api-2')]],
      ['search-indexer-with-a-long-name', [replica('search-indexer-with-a-long-name-1')]],
    ]);
    state.serviceProgress.set('web', `Pulling ${'layer '.repeat(30)}`);
    state.progress.set('Image nginx:1.25', { resource: 'Image nginx:1.25', status: 'Pulling', detail: '12.3MB/40MB '.repeat(10), done: false, failed: false });
    state.errors.push({ time: 0, title: 'up', message: 'first' });
    state.errors.push({ time: 0, title: 'up', message: 'failed '.repeat(100) });
  });
  for (let index = 0; index < 40; index++) addLines(store, index % 2 ? 'db-1' : 'search-indexer-with-a-long-name-1', [`${index} ${'long output '.repeat(20)}`]);
  return store;
}

/** Every line of the frame, by characters on screen. */
function expectFits(app: RenderedApp, columns: number, rows: number): void {
  const lines = app.lines();
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect([...line].length, `"${line}" is wider than ${columns}`).toBeLessThanOrEqual(columns);
}

describe('the frame fits the terminal', () => {
  it('fills 80x24 and no more with every panel crowded', async () => {
    const app = await renderApp(crowdedStore());
    expectFits(app, 80, 24);
    expect(app.lines().length).toBe(24);
  });

  it('fits the 79x22 the runner draws on an 80x24 terminal', async () => {
    const store = crowdedStore();
    store.update((state) => {
      state.columns = 79;
      state.rows = 22;
    });
    const app = await renderApp(store);
    expectFits(app, 79, 22);
  });

  it('fits 80x24 with timestamps, wrapped lines and a filter', async () => {
    const app = await renderApp(crowdedStore());
    await app.press('t', 'W');
    await app.waitFor('wrapped');
    await app.press('/', 'long', keys.enter);
    await app.waitFor('/long/');
    expectFits(app, 80, 24);
  });

  it('fits 80x24 with the help and with every error listed', async () => {
    const app = await renderApp(crowdedStore());
    await app.press('?');
    await app.waitFor('Keys · esc or ? closes');
    expectFits(app, 80, 24);
    await app.press(keys.escape, 'E');
    await app.waitFor('Errors (2)');
    expectFits(app, 80, 24);
  });

  it('fits 80x24 while typing a filter that is not a regular expression', async () => {
    const app = await renderApp(crowdedStore());
    await app.press('/', `${'x'.repeat(30)}[`, keys.enter);
    await app.waitFor('Invalid regular expression');
    expectFits(app, 80, 24);
  });

  it('follows a resize to a smaller and then a larger terminal', async () => {
    const store = crowdedStore();
    const app = await renderApp(store);
    store.update((state) => {
      state.columns = 60;
      state.rows = 18;
    });
    await app.waitFor((text) => text.split('\n').length <= 18, 'the frame at 18 rows');
    expectFits(app, 60, 18);
    store.update((state) => {
      state.columns = 130;
      state.rows = 40;
    });
    await app.waitFor((text) => text.split('\n').length === 40, 'the frame at 40 rows');
    expectFits(app, 130, 40);
    const logsTitle = app.lines().find((line) => line.startsWith('── Logs'))!;
    expect([...logsTitle].length).toBe(130);
  });
});
