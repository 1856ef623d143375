import { describe, expect, it } from 'vitest';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';
import { addLines, keys, makeStore, renderApp, type RenderedApp } from '../tui-fixture.js';

function logRows(app: RenderedApp): string[] {
  return app.lines().filter((line) => / \| /.test(line) || /^ {11}\S/.test(line));
}

function mixedStore(): TuiStore {
  const store = makeStore();
  store.addLog({ service: 'db', container: 'db-1', stream: 'stdout', text: 'db says hello', timestamp: '2026-11-23T10:00:00.123456789Z' });
  store.addLog({ service: 'web', container: 'web-1', stream: 'stdout', text: 'web says hello', timestamp: '2026-11-23T10:00:01.500000000Z' });
  store.addLog({ service: 'db', container: 'db-1', stream: 'stdout', text: 'db again', timestamp: '2026-11-23T10:00:02.000000001Z' });
  return store;
}

describe('t: timestamps', () => {
  it('t shows when each line was written, and t again hides it', async () => {
    const app = await renderApp(mixedStore());
    expect(app.text()).not.toContain('2026-11-23');
    await app.press('t');
    await app.waitFor('2026-11-23');
    expect(logRows(app)).toEqual([
      'db-1     | 2026-11-23 10:00:00.123 db says hello',
      'web-1    | 2026-11-23 10:00:01.500 web says hello',
      'db-1     | 2026-11-23 10:00:02.000 db again',
    ]);
    await app.press('t');
    await app.waitFor((text) => !text.includes('2026-11-23'), 'timestamps hidden');
  });
});

describe('W: wrapping long lines', () => {
  const long = Array.from({ length: 30 }, (_, index) => `w${index}`).join('-');

  it('W shows a long line whole over several rows, and W again on one cut row', async () => {
    const store = makeStore();
    addLines(store, 'web-1', [`start ${long.repeat(2)} end`, 'short']);
    const app = await renderApp(store);
    expect(logRows(app)[0]).toMatch(/…$/);
    expect(app.text()).not.toContain(' end');
    await app.press('W');
    await app.waitFor('wrapped');
    const rows = logRows(app);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows[0]).toMatch(/^web-1 {4}\| start /);
    expect(rows.slice(1, -1).every((row) => row.startsWith(' '.repeat(11)))).toBe(true);
    expect(rows.map((row) => row.slice(11)).slice(0, -1).join('')).toBe(`start ${long.repeat(2)} end`);
    expect(rows.at(-1)).toBe('web-1    | short');
    expect(app.lines().every((line) => [...line].length <= 80)).toBe(true);
    await app.press('W');
    await app.waitFor((text) => !text.includes('wrapped'), 'wrapping off');
    expect(logRows(app)).toHaveLength(2);
  });
});

describe("enter and l: one service's logs", () => {
  it("enter shows the selected service's lines alone, and enter again all of them", async () => {
    const app = await renderApp(mixedStore());
    await app.press(keys.enter);
    await app.waitFor('── Logs: db · following');
    expect(logRows(app)).toEqual(['db-1     | db says hello', 'db-1     | db again']);
    await app.press(keys.enter);
    await app.waitFor('── Logs: all services · following');
    expect(logRows(app)).toHaveLength(3);
  });

  it('l shows the service selected with the down arrow alone', async () => {
    const app = await renderApp(mixedStore());
    await app.press(keys.down, 'l');
    await app.waitFor('── Logs: web · following');
    expect(logRows(app)).toEqual(['web-1    | web says hello']);
  });

  it('l on another service switches to it', async () => {
    const app = await renderApp(mixedStore());
    await app.press('l');
    await app.waitFor('── Logs: db ·');
    await app.press('j', 'l');
    await app.waitFor('── Logs: web ·');
    expect(logRows(app)).toEqual(['web-1    | web says hello']);
  });
});

describe('? help', () => {
  it('? lists the keys and esc closes it', async () => {
    const store = mixedStore();
    const app = await renderApp(store);
    await app.press('?');
    const text = await app.waitFor('Keys · esc or ? closes');
    for (const words of ['select a service', 'restart, stop (x) or start the selected service', 'filter by regular expression', 'the older and the newer match', 'detach: leave the UI', 'quit: after `up`']) expect(text).toContain(words);
    expect(text).not.toContain('db says hello');
    await app.press(keys.escape);
    await app.waitFor('db says hello');
    expect(app.text()).not.toContain('Keys · esc');
  });

  it('? again closes it, and keys do not act on services while it is open', async () => {
    const app = await renderApp(mixedStore());
    await app.press('?', 'r', 'x');
    await app.waitFor('Keys · esc or ? closes');
    await app.press('?');
    await app.waitFor('db says hello');
    expect(app.actions.calls).toEqual([]);
  });
});
