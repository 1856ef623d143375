import { describe, expect, it } from 'vitest';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';
import { addLines, inverseAt, keys, makeStore, rawLineWith, renderApp, useTerminalColours, type RenderedApp } from '../tui-fixture.js';

useTerminalColours();

function logStore(): TuiStore {
  const store = makeStore();
  addLines(store, 'db-1', ['database ready', 'ERROR: relation missing']);
  addLines(store, 'web-1', ['GET / 200', 'upstream error, retrying']);
  addLines(store, 'worker-1', ['job done']);
  return store;
}

/** The log rows of the frame (the lines with a `name | ` prefix). */
function logRows(app: RenderedApp): string[] {
  return app.lines().filter((line) => / \| /.test(line));
}

async function filterBy(app: RenderedApp, pattern: string): Promise<void> {
  await app.press('/', pattern, keys.enter);
  await app.waitFor(`/${pattern}/`);
}

describe('/ filter', () => {
  it('shows what is typed in the status bar until enter', async () => {
    const app = await renderApp(logStore());
    await app.press('/', 'err');
    const text = await app.waitFor('/err');
    expect(text.split('\n').at(-1)).toBe('/err   enter applies, esc cancels');
    expect(logRows(app)).toHaveLength(5);
  });

  it('shows only matching lines, either case, after enter, and says so in the title', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    expect(app.text()).toContain('── Logs: all services · /error/ matching lines only · following');
    expect(logRows(app)).toEqual(['db-1     | ERROR: relation missing', 'web-1    | upstream error, retrying']);
  });

  it('marks the matching text', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    const line = rawLineWith(app.raw(), 'upstream error');
    expect(inverseAt(line, 'error')).toBe(true);
    expect(inverseAt(line, 'upstream')).toBe(false);
    expect(inverseAt(rawLineWith(app.raw(), 'relation missing'), 'ERROR')).toBe(true);
  });

  it('esc clears the filter and shows every line again', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press(keys.escape);
    await app.waitFor('── Logs: all services · following');
    expect(logRows(app)).toHaveLength(5);
  });

  it('esc while typing cancels the typing and keeps the filter there was', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press('/', 'xyz');
    await app.waitFor('/errorxyz');
    await app.press(keys.escape);
    await app.waitFor((text) => text.split('\n').at(-1)!.startsWith('? help'), 'the key hint back');
    expect(app.text()).toContain('/error/ matching lines only');
    expect(logRows(app)).toHaveLength(2);
  });

  it('backspace takes back the last character typed', async () => {
    const app = await renderApp(logStore());
    await app.press('/', 'jobx', keys.backspace, keys.enter);
    await app.waitFor('/job/');
    expect(logRows(app)).toEqual(['worker-1 | job done']);
  });

  it('shows why a bad expression is no regular expression and keeps the view as it was', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press('/', keys.backspace, keys.backspace, keys.backspace, keys.backspace, keys.backspace, 'GET (', keys.enter);
    const text = await app.waitFor('Invalid regular expression');
    expect(text.split('\n').at(-1)).toMatch(/^\/GET \( {3}Invalid regular expression: \/GET \(\/\w*: Unterminated group/);
    expect(text).toContain('/error/ matching lines only');
    expect(logRows(app)).toEqual(['db-1     | ERROR: relation missing', 'web-1    | upstream error, retrying']);
  });

  it('the prompt can be fixed after a bad expression', async () => {
    const app = await renderApp(logStore());
    await app.press('/', 'GET (', keys.enter);
    await app.waitFor('Unterminated group');
    await app.press(')', keys.enter);
    await app.waitFor('/GET ()/');
    expect(logRows(app)).toEqual(['web-1    | GET / 200']);
  });

  it('enter on an empty prompt clears the filter', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'job');
    await app.press('/', keys.backspace, keys.backspace, keys.backspace, keys.enter);
    await app.waitFor('── Logs: all services · following');
    expect(logRows(app)).toHaveLength(5);
  });

  it('applies a filter pasted with its enter in one go', async () => {
    const app = await renderApp(logStore());
    await app.press('/', 'job\r');
    await app.waitFor('/job/ matching lines only');
    expect(logRows(app)).toEqual(['worker-1 | job done']);
  });

  it('says when no line matches yet', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'panic');
    expect(app.text()).toContain('no line matches the filter yet');
  });

  it('shows lines that arrive later only when they match', async () => {
    const store = logStore();
    const app = await renderApp(store);
    await filterBy(app, 'error');
    addLines(store, 'web-1', ['fine', 'another error']);
    await app.waitFor('another error');
    expect(app.text()).not.toContain('fine');
  });
});

describe('f: matching lines only, or all lines with matches marked', () => {
  it('f shows every line with the matches marked, and f again only the matching ones', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press('f');
    await app.waitFor('/error/ matches marked');
    expect(logRows(app)).toHaveLength(5);
    expect(inverseAt(rawLineWith(app.raw(), 'upstream error'), 'error')).toBe(true);
    expect(inverseAt(rawLineWith(app.raw(), 'GET / 200'), 'GET / 200')).toBe(false);
    await app.press('f');
    await app.waitFor('/error/ matching lines only');
    expect(logRows(app)).toHaveLength(2);
  });
});

describe('n and N', () => {
  /** Whether the line with `text` has its name prefix marked as the current match. */
  function current(app: RenderedApp, text: string): boolean {
    const line = rawLineWith(app.raw(), text);
    const prefix = app.lines().find((candidate) => candidate.includes(text))!.split(' | ')[0]!;
    return inverseAt(line, prefix);
  }

  it('n marks the newest match, then older ones, and says when there is no older one', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press('f', 'n');
    await app.waitFor((_text, raw) => raw.includes('upstream') && current(app, 'upstream error'), 'the newest match marked');
    expect(current(app, 'relation missing')).toBe(false);
    await app.press('n');
    await app.waitFor(() => current(app, 'relation missing'), 'the older match marked');
    expect(current(app, 'upstream error')).toBe(false);
    await app.press('n');
    await app.waitFor('no older match');
    expect(current(app, 'relation missing')).toBe(true);
  });

  it('N goes back to the newer match and says when there is no newer one', async () => {
    const app = await renderApp(logStore());
    await filterBy(app, 'error');
    await app.press('n', 'n');
    await app.waitFor(() => current(app, 'relation missing'), 'the older match marked');
    await app.press('N');
    await app.waitFor(() => current(app, 'upstream error'), 'the newer match marked');
    await app.press('N');
    await app.waitFor('no newer match');
  });

  it('n without a filter asks for one', async () => {
    const app = await renderApp(logStore());
    await app.press('n');
    await app.waitFor('no filter: type / first');
  });

  it('n scrolls back to a match that is off screen', async () => {
    const store = makeStore();
    addLines(store, 'db-1', ['the one error']);
    addLines(store, 'web-1', Array.from({ length: 60 }, (_, index) => `request ${index}`));
    const app = await renderApp(store);
    expect(app.text()).not.toContain('the one error');
    await filterBy(app, 'error');
    await app.press('f', 'n');
    await app.waitFor((text) => text.includes('the one error') && text.includes('scrolled back'), 'the match on screen');
    expect(current(app, 'the one error')).toBe(true);
  });
});
