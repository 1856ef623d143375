import { describe, expect, it } from 'vitest';
import { addLines, makeStore, renderApp } from '../tui-fixture.js';

/** The log rows of a frame: the lines with a `name | ` prefix. */
function logRows(text: string): string[] {
  return text.split('\n').filter((line) => / \| /.test(line));
}

describe('logs panel', () => {
  it("merges every service's lines in arrival order, each with its container's name", async () => {
    const store = makeStore();
    addLines(store, 'db-1', ['database system is ready']);
    addLines(store, 'web-1', ['GET / 200']);
    addLines(store, 'db-1', ['checkpoint complete']);
    const app = await renderApp(store);
    expect(logRows(app.text())).toEqual([
      'db-1     | database system is ready',
      'web-1    | GET / 200',
      'db-1     | checkpoint complete',
    ]);
    expect(app.text()).toContain('Logs: all services · following');
  });

  it('shows new lines as they arrive', async () => {
    const store = makeStore();
    const app = await renderApp(store);
    expect(app.text()).toContain('no output yet');
    addLines(store, 'worker-1', ['job 1 done']);
    await app.waitFor('worker-1 | job 1 done');
  });

  it("shows berth's notes about a container among its lines", async () => {
    const store = makeStore();
    addLines(store, 'web-1', ['serving']);
    addLines(store, 'web-1', ['── exited with code 1 ──'], 'note');
    const app = await renderApp(store);
    expect(logRows(app.text())).toEqual(['web-1    | serving', 'web-1    | ── exited with code 1 ──']);
  });

  it('says how many older lines were dropped once the buffer is full', async () => {
    const store = makeStore({ logCapacity: 50 });
    addLines(store, 'web-1', Array.from({ length: 1284 }, (_, index) => `line ${index}`));
    const app = await renderApp(store);
    expect(app.text()).toContain('1,234 older lines dropped');
    expect(logRows(app.text()).at(-1)).toBe('web-1    | line 1283');
  });

  it('cuts a long line at the edge of the screen with an ellipsis', async () => {
    const store = makeStore();
    addLines(store, 'web-1', [`start ${'x'.repeat(200)} end`]);
    const app = await renderApp(store);
    const [row] = logRows(app.text());
    expect(row).toMatch(/^web-1 {4}\| start x+…$/);
    expect([...row!].length).toBeLessThanOrEqual(80);
  });

  it("never passes a container's escape sequences on to the terminal", async () => {
    const store = makeStore({ colour: false });
    addLines(store, 'web-1', ['\u001b]0;owned\u0007\u001b[2J\u001b[Hclean\u001b[?1049l text\u0007']);
    const app = await renderApp(store);
    expect(logRows(app.text())).toEqual(['web-1    | clean text']);
    expect(app.raw()).not.toMatch(/\u001b\]|\u001b\[2J|\u001b\[\?1049|\u0007/);
  });
});
