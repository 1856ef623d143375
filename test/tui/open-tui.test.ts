import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/compose-spec/index.js';
import type { ComposeSession } from '../../src/scheduler/index.js';
import { openTui, type OpenTuiOptions } from '../../src/tui/index.js';
import type { ScreenStreams } from '../../src/tui/terminal/screen.js';
import { fakeWatch } from './fake-watch.js';
import { eventually } from './tui-fixture.js';

/** A terminal that takes what is written and has nothing to read. */
function fakeTerminal(): ScreenStreams {
  const stdout = Object.assign(new EventEmitter(), { columns: 80, rows: 24, write: () => true });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    read: () => null,
    resume: () => stdin,
    pause: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
  });
  return { stdout, stdin } as unknown as ScreenStreams;
}

/** A session on an engine with no containers, whose event stream stays open until the UI stops following. */
function emptySession(): ComposeSession {
  const client = {
    events: ({ signal }: { signal: AbortSignal }) =>
      (async function* () {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      })(),
    containers: { list: () => Promise.resolve([]) },
  };
  const project = { name: 'demo', services: { web: { image: 'web:1' } } } as unknown as Project;
  return { project, client } as unknown as ComposeSession;
}

function open(options: Partial<OpenTuiOptions>) {
  return openTui({
    session: emptySession(),
    engine: 'unix:///test.sock',
    mode: 'attach',
    services: [],
    colour: false,
    disabledServices: [],
    openShell: () => Promise.resolve(0),
    streams: fakeTerminal(),
    ...options,
  });
}

describe('openTui with a watch', () => {
  it('startWatch starts the watch once, and close stops it', async () => {
    const watch = fakeWatch();
    const tui = open({ watch });
    await tui.startWatch();
    await tui.startWatch();
    await eventually(() => watch.starts === 1, () => 'the watch to start');
    await tui.close();
    expect([watch.starts, watch.stops]).toEqual([1, 1]);
  });

  it('stopWatch stops it for good: w no longer starts it', async () => {
    const watch = fakeWatch();
    const tui = open({ watch });
    await tui.startWatch();
    await tui.stopWatch();
    await tui.startWatch();
    expect([watch.starts, watch.stops]).toEqual([1, 1]);
    await tui.close();
  });

  it('without startWatch the watch waits for w, and close has nothing to stop', async () => {
    const watch = fakeWatch();
    const tui = open({ watch });
    await tui.close();
    expect([watch.starts, watch.stops]).toEqual([0, 0]);
  });
});
