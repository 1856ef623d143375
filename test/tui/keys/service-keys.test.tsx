import { describe, expect, it } from 'vitest';
import { eventually, keys, makeStore, renderApp, replica } from '../tui-fixture.js';

// The services, in order: db, web, worker; db is selected first.
describe('keys that act on the selected service', () => {
  it('r restarts the selected service', async () => {
    const app = await renderApp(makeStore());
    await app.press('r');
    await app.waitForCall('restart', 'db');
  });

  it('x stops the service selected with the down arrow', async () => {
    const app = await renderApp(makeStore());
    await app.press(keys.down, 'x');
    await app.waitForCall('stop', 'web');
  });

  it('s starts the service selected with j', async () => {
    const app = await renderApp(makeStore());
    await app.press('j', 'j', 's');
    await app.waitForCall('start', 'worker');
  });

  it('R recreates and e opens a shell in the selected service', async () => {
    const app = await renderApp(makeStore());
    await app.press('j', 'R', 'e');
    await app.waitForCall('recreate', 'web');
    await app.waitForCall('shell', 'web');
  });

  it('up arrow and k move the selection back, stopping at the first service', async () => {
    const app = await renderApp(makeStore());
    await app.press('j', 'j', keys.up, 'r', 'k', 'k', 'k', 'x');
    await app.waitForCall('restart', 'web');
    await app.waitForCall('stop', 'db');
  });

  it('down arrow stops at the last service', async () => {
    const app = await renderApp(makeStore());
    await app.press('j', 'j', 'j', 'j', 'r');
    await app.waitForCall('restart', 'worker');
    expect(app.actions.calls).toEqual([['restart', 'worker']]);
  });

  it('o shows the URL of the selected service in the status bar', async () => {
    const store = makeStore();
    store.update((state) => state.replicas.set('web', [replica('web-1', { ports: ['127.0.0.1:8080->80', '0.0.0.0:5353->53/udp'] })]));
    const app = await renderApp(store);
    await app.press('j', 'o');
    const text = await app.waitFor('http://127.0.0.1:8080/');
    expect(text.split('\n').at(-1)).toBe('web: http://127.0.0.1:8080/');
  });

  it('o says so when the service publishes no TCP port', async () => {
    const app = await renderApp(makeStore());
    await app.press('o');
    await app.waitFor('db publishes no TCP port');
  });

  it('esc clears the notice and brings back the key hint', async () => {
    const app = await renderApp(makeStore());
    await app.press('o');
    await app.waitFor('db publishes no TCP port');
    await app.press(keys.escape);
    await app.waitFor('? help  / filter');
  });
});

describe('keys that leave the UI', () => {
  it('d detaches', async () => {
    const app = await renderApp(makeStore());
    await app.press('d');
    await app.waitForCall('detach');
    expect(app.actions.calls).toEqual([['detach']]);
  });

  it('q quits', async () => {
    const app = await renderApp(makeStore());
    await app.press('q');
    await app.waitForCall('quit', undefined);
    expect(app.actions.calls).toEqual([['quit', undefined]]);
  });

  it('ctrl-c quits with 130, even while a filter is being typed', async () => {
    const app = await renderApp(makeStore());
    await app.press(keys.ctrlC);
    await app.waitForCall('quit', 130);
    await app.press('/', 'abc', keys.ctrlC);
    await eventually(() => app.actions.calls.length >= 2, () => `a second quit, calls were ${JSON.stringify(app.actions.calls)}`);
    expect(app.actions.calls).toEqual([['quit', 130], ['quit', 130]]);
  });

  it('q and the action keys are typed into the filter while it is open, not acted on', async () => {
    const app = await renderApp(makeStore());
    await app.press('/', 'qrxsde');
    await app.waitFor('/qrxsde');
    expect(app.actions.calls).toEqual([]);
  });
});

