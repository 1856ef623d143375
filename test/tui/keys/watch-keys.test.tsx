import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { watchSwitch } from '../../../src/tui/actions/watch-switch.js';
import type { TuiStore } from '../../../src/tui/model/tui-store.js';
import type { WatchControl } from '../../../src/watch/index.js';
import { fakeWatch, gate, syncedEvent } from '../fake-watch.js';
import { addLines, fakeActions, keys, makeStore, renderApp } from '../tui-fixture.js';

/** The App with `w` on a real watch switch over `control`; the other actions are fakes. */
async function renderWatching(control: WatchControl | undefined, store: TuiStore = makeStore()) {
  const app = await renderApp(store, { ...fakeActions(), watch: watchSwitch(store, control).toggle });
  return { app, store, statusBar: () => app.lines().at(-1), titleBar: () => app.lines()[0] };
}

describe('w switches Compose watch on and off', () => {
  it('w starts the watch and says watch on in the status bar and the title bar', async () => {
    const watch = fakeWatch();
    const { app, statusBar, titleBar } = await renderWatching(watch);
    await app.press('w');
    await app.waitFor((text) => text.split('\n').at(-1) === 'watch on', 'watch on in the status bar');
    expect(watch.starts).toBe(1);
    expect(titleBar()).toContain('· running · watch on ·');
    expect(statusBar()).toBe('watch on');
  });

  it('w again stops the watch and says watch off', async () => {
    const watch = fakeWatch();
    const { app, titleBar } = await renderWatching(watch);
    await app.press('w');
    await app.waitFor('watch on');
    await app.press('w');
    await app.waitFor((text) => text.split('\n').at(-1) === 'watch off', 'watch off in the status bar');
    expect(watch.stops).toBe(1);
    expect(titleBar()).not.toContain('watch');
  });

  it('w while the watch is starting is ignored', async () => {
    const started = gate();
    const watch = fakeWatch({ until: started.promise });
    const { app, titleBar } = await renderWatching(watch);
    await app.press('w');
    await app.waitFor('starting watch…');
    expect(titleBar()).toContain('watch starting');
    await app.press('w', 'w');
    started.open();
    await app.waitFor((text) => text.split('\n').at(-1) === 'watch on', 'watch on in the status bar');
    expect([watch.starts, watch.stops]).toEqual([1, 0]);
  });

  it('a start that fails goes to the errors panel with its hint, and the watch stays off', async () => {
    const failure = new BerthError({ code: 'WATCH_NOT_CONFIGURED', kind: 'usage', message: 'none of the selected services is configured for watch', hint: 'add a develop.watch section' });
    const { app, titleBar } = await renderWatching(fakeWatch({ failure }));
    await app.press('w');
    const text = await app.waitFor('watch failed: E shows why');
    expect(text).toContain('✘ watch: none of the selected services is configured for watch');
    expect(text).toContain('hint: add a develop.watch section');
    expect(titleBar()).not.toContain('watch');
  });

  it('without a watch control, w says watch is not available here', async () => {
    const { app } = await renderWatching(undefined);
    await app.press('w');
    await app.waitFor('watch is not available here');
  });
});

describe("watch's events", () => {
  /** The App with a watch already on. */
  async function watching(store: TuiStore = makeStore()) {
    const watch = fakeWatch();
    const rendered = await renderWatching(watch, store);
    await rendered.app.press('w');
    await rendered.app.waitFor('watch on');
    return { ...rendered, watch };
  }

  it("each is a line under watch in the logs panel, with the service in front, and the status bar's notice", async () => {
    const { app, watch, statusBar } = await watching();
    watch.emit(syncedEvent('web'));
    await app.waitFor('watch    | [web] synced /app/a.js (1 file) in 24 ms');
    expect(statusBar()).toBe('[web] synced /app/a.js (1 file) in 24 ms');
  });

  it('a failure goes to the errors panel as well', async () => {
    const { app, watch } = await watching();
    watch.emit({ kind: 'failed', time: Date.now(), service: 'web', action: 'rebuild', message: 'build failed: exit code 1' });
    const text = await app.waitFor('✘ watch web: rebuild failed: build failed: exit code 1');
    expect(text).toContain('watch    | [web] rebuild failed: build failed: exit code 1');
  });

  it("a command's output follows its line, stripped of escape sequences", async () => {
    const { app, watch } = await watching();
    watch.emit({ kind: 'executed', time: Date.now(), service: 'web', container: 'c0ffee00c0ffee00', command: 'npm run gen', exitCode: 0, output: '\u001b[32mgenerated\u001b[0m 3 files\ndone\n', ms: 310 });
    await app.waitFor('done');
    const rows = app.lines().filter((line) => line.startsWith('watch '));
    expect(rows).toEqual([
      'watch    | [web] ran "npm run gen" in c0ffee00c0ff: exit code 0, 310 ms',
      'watch    | generated 3 files',
      'watch    | done',
    ]);
  });

  it("stay in view under a filter, as berth's notes about containers do", async () => {
    const store = makeStore();
    addLines(store, 'web-1', ['GET / 200', 'GET /missing 404']);
    const { app, watch } = await watching(store);
    watch.emit(syncedEvent('web'));
    await app.waitFor('[web] synced');
    await app.press('/', '404', keys.enter);
    await app.waitFor('/404/ matching lines only');
    expect(app.lines().filter((line) => line.includes(' | '))).toEqual(['web-1    | GET /missing 404', 'watch    | [web] synced /app/a.js (1 file) in 24 ms']);
  });

  it("stay with their service when that service's logs are shown alone", async () => {
    const store = makeStore();
    addLines(store, 'db-1', ['db says hello']);
    const { app, watch } = await watching(store);
    watch.emit(syncedEvent('db'));
    watch.emit(syncedEvent('web'));
    await app.waitFor('[web] synced');
    await app.press('j', keys.enter);
    await app.waitFor('── Logs: web ·');
    expect(app.lines().filter((line) => line.includes(' | '))).toEqual(['watch    | [web] synced /app/a.js (1 file) in 24 ms']);
  });
});

describe('w in the help', () => {
  it('the help lists w and still fits a 24-row, 80-column terminal whole', async () => {
    // The UI draws two rows shorter and one column narrower than the terminal.
    const { app } = await renderWatching(fakeWatch(), makeStore({ rows: 22, columns: 79 }));
    await app.press('?');
    const text = await app.waitFor('Keys · esc or ? closes');
    expect(text).toContain('  w            develop.watch: sync, restart or rebuild on changes; w stops it\n');
    expect(app.lines().at(-2)).toBe('  q  ctrl-c    quit: after `up` it stops the stack first, as Compose does');
  });
});
