import { describe, expect, it } from 'vitest';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';
import { addLines, keys, makeStore, renderApp, type RenderedApp } from '../tui-fixture.js';

// At 80x24 with three services the logs panel has 17 rows, and a page is 16 lines.
function hundredLines(capacity = 1000): TuiStore {
  const store = makeStore({ logCapacity: capacity });
  addLines(store, 'web-1', Array.from({ length: 100 }, (_, index) => `line ${index}`));
  return store;
}

function logRows(app: RenderedApp): string[] {
  return app.lines().filter((line) => / \| /.test(line));
}

const following = 'Logs: all services · following';
const scrolledBack = 'Logs: all services · scrolled back, End follows';

describe('scrolling the logs', () => {
  it('follows the newest line at first', async () => {
    const app = await renderApp(hundredLines());
    expect(app.text()).toContain(following);
    expect(logRows(app)).toHaveLength(17);
    expect(logRows(app).at(-1)).toBe('web-1    | line 99');
  });

  it('PgUp scrolls a page back and says so', async () => {
    const app = await renderApp(hundredLines());
    await app.press(keys.pageUp);
    await app.waitFor(scrolledBack);
    expect(logRows(app).at(-1)).toBe('web-1    | line 83');
    expect(app.text()).not.toContain('line 99');
  });

  it('End follows the newest line again', async () => {
    const app = await renderApp(hundredLines());
    await app.press(keys.pageUp, keys.pageUp);
    await app.waitFor(scrolledBack);
    await app.press(keys.end);
    await app.waitFor(following);
    expect(logRows(app).at(-1)).toBe('web-1    | line 99');
  });

  it('PgDn goes a page on, and follows again at the end', async () => {
    const app = await renderApp(hundredLines());
    await app.press(keys.pageUp, keys.pageUp);
    await app.waitFor((text) => text.includes('line 67') && !text.includes('line 68'), 'two pages back');
    await app.press(keys.pageDown);
    await app.waitFor((text) => text.includes('line 83') && !text.includes('line 84'), 'one page back');
    expect(app.text()).toContain(scrolledBack);
    await app.press(keys.pageDown);
    await app.waitFor(following);
    expect(logRows(app).at(-1)).toBe('web-1    | line 99');
  });

  it('Home shows the oldest line at the top', async () => {
    const app = await renderApp(hundredLines());
    await app.press(keys.home);
    await app.waitFor(scrolledBack);
    expect(logRows(app)[0]).toBe('web-1    | line 0');
    expect(logRows(app)).toHaveLength(17);
  });

  it('Home shows the oldest line still kept once older ones were dropped', async () => {
    const app = await renderApp(hundredLines(50));
    expect(app.text()).toContain('50 older lines dropped');
    await app.press(keys.home);
    await app.waitFor(scrolledBack);
    expect(logRows(app)[0]).toBe('web-1    | line 50');
  });

  it('keeps the view still while scrolled back and new lines arrive', async () => {
    const store = hundredLines();
    const app = await renderApp(store);
    await app.press(keys.pageUp);
    await app.waitFor(scrolledBack);
    addLines(store, 'web-1', ['line 100', 'line 101']);
    await app.press('j');
    await app.waitFor((text) => /^› web/m.test(text), 'the selection moved');
    expect(logRows(app).at(-1)).toBe('web-1    | line 83');
    await app.press(keys.end);
    await app.waitFor('web-1    | line 101');
  });
});
