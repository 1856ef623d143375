/**
 * What the terminal UI's tests share: a store built in the test, fake actions that record what the
 * keys asked for, and the App rendered by ink-testing-library with helpers to press keys and wait
 * for the frame that follows.
 */
import { stripVTControlCharacters } from 'node:util';
// ink draws its colours with chalk, which turns them off when the test's stdout is not a terminal;
// the component tests set its level as a real terminal would have it (see useTerminalColours).
import chalk from 'chalk';
import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TuiActions } from '../../src/tui/keys/handle-key.js';
import type { Replica } from '../../src/tui/model/replica.js';
import type { ServiceSpec } from '../../src/tui/model/service-view.js';
import { TuiStore, type TuiStoreOptions } from '../../src/tui/model/tui-store.js';
import { App } from '../../src/tui/view/App.js';

/** What stdin.write sends for each special key, as a terminal would. */
export const keys = {
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  escape: '\u001b',
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

export function spec(name: string, options: { image?: string; dependsOn?: ServiceSpec['dependsOn'] } = {}): ServiceSpec {
  return { name, image: options.image ?? `${name}:latest`, hasBuild: false, dependsOn: options.dependsOn ?? [] };
}

/** A replica named like `web-1`, running unless told otherwise. */
export function replica(name: string, fields: Partial<Replica> = {}): Replica {
  const number = Number(/-(\d+)$/.exec(name)?.[1] ?? 1);
  return { id: `id-${name}`, name, number, state: 'running', ports: [], image: 'busybox:1', restartCount: 0, ...fields };
}

const stores: TuiStore[] = [];

afterEach(() => {
  cleanup();
  while (stores.length > 0) stores.pop()!.close();
});

/** A store for project `demo` on an 80x24 screen in attach mode (no progress panel), colour on. */
export function makeStore(options: Partial<TuiStoreOptions> = {}): TuiStore {
  const store = new TuiStore({
    project: 'demo',
    engine: 'unix:///run/berth.sock',
    mode: 'attach',
    specs: [spec('db'), spec('web'), spec('worker')],
    colour: true,
    logCapacity: 1000,
    columns: 80,
    rows: 24,
    ...options,
  });
  stores.push(store);
  return store;
}

export type ActionCall = [name: string, ...args: unknown[]];

/** Actions that only record how they were called. */
export function fakeActions(): TuiActions & { calls: ActionCall[] } {
  const calls: ActionCall[] = [];
  const record = (name: string) => async (service: string): Promise<void> => void calls.push([name, service]);
  return {
    calls,
    restart: record('restart'),
    stop: record('stop'),
    start: record('start'),
    recreate: record('recreate'),
    shell: record('shell'),
    watch: async () => void calls.push(['watch']),
    detach: () => void calls.push(['detach']),
    quit: (exitCode?: number) => void calls.push(['quit', exitCode]),
  };
}

/** Lines of output from one container, added to the store at once (no redraw wait). */
export function addLines(store: TuiStore, container: string, texts: readonly string[], stream: 'stdout' | 'stderr' | 'note' = 'stdout'): void {
  const service = container.replace(/-\d+$/, '');
  for (const text of texts) store.addLog({ service, container, stream, text });
}

/** The text a frame shows, without escape sequences. */
export function plain(frame: string): string {
  return stripVTControlCharacters(frame);
}

const pollMs = 10;
const waitMs = 5_000;

/** Polls until `probe` gives something other than undefined or false, or fails saying `what`. */
export async function eventually<T>(probe: () => T | undefined | false, what: () => string): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export interface RenderedApp {
  actions: TuiActions & { calls: ActionCall[] };
  /** The last frame as drawn, escape sequences included. */
  raw(): string;
  /** The last frame's text. */
  text(): string;
  /** The last frame's text, line by line. */
  lines(): string[];
  /**
   * Sends keys as the terminal would, each read before the next is sent: ink holds a lone escape
   * until the current input is read, and an escape followed at once by `j` would be alt-j.
   */
  press(...sequences: string[]): Promise<void>;
  /** Waits until the frame's text satisfies `wanted` (a string it contains, or a test), and returns it. */
  waitFor(wanted: string | ((text: string, raw: string) => boolean), what?: string): Promise<string>;
  /** Waits until the recorded actions include one equal to `call`. */
  waitForCall(...call: ActionCall): Promise<void>;
}

/** Renders the App on the store and waits until it draws and listens to keys. */
export async function renderApp(store: TuiStore, actions = fakeActions()): Promise<RenderedApp> {
  const rendered = render(createElement(App, { store, actions }));
  const raw = (): string => rendered.lastFrame() ?? '';
  const text = (): string => plain(raw());
  const app: RenderedApp = {
    actions,
    raw,
    text,
    lines: () => text().split('\n'),
    press: async (...sequences) => {
      for (const sequence of sequences) {
        rendered.stdin.write(sequence);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    waitFor: async (wanted, what) => {
      const test = typeof wanted === 'string' ? (frame: string) => frame.includes(wanted) : wanted;
      await eventually(() => test(text(), raw()), () => `${what ?? JSON.stringify(wanted)}; the last frame was:\n${text()}`);
      return text();
    },
    waitForCall: async (...call) => {
      const wantedCall = JSON.stringify(call);
      await eventually(() => actions.calls.some((made) => JSON.stringify(made) === wantedCall), () => `the call ${wantedCall}; calls were ${JSON.stringify(actions.calls)}`);
    },
  };
  await eventually(() => text().includes('berth') && rendered.stdin.listenerCount('readable') > 0, () => 'the first frame and the key listener');
  return app;
}

/**
 * Colours on as in a real terminal, for the tests that read styles (colour, inverse) from the
 * frame; chalk's level is put back after the file's tests.
 */
export function useTerminalColours(): void {
  let before = chalk.level;
  beforeAll(() => {
    before = chalk.level;
    chalk.level = 3;
  });
  afterAll(() => {
    chalk.level = before;
  });
}

/** The SGR parameters in a frame that set a foreground or background colour (30-49, 90-107). */
export function colourCodes(raw: string): string[] {
  const found: string[] = [];
  for (const match of raw.matchAll(/\u001b\[([0-9;]*)m/g)) {
    const parameters = match[1]!.split(';').map(Number);
    if (parameters.some((parameter) => (parameter >= 30 && parameter <= 49) || (parameter >= 90 && parameter <= 107))) found.push(match[0]);
  }
  return found;
}

/**
 * Whether `text`, where it first appears in the raw frame line, is drawn in inverse video (the
 * way the UI marks matches and the current match's prefix).
 */
export function inverseAt(rawLine: string, text: string): boolean {
  let shown = '';
  const inverse: boolean[] = [];
  let on = false;
  for (let at = 0; at < rawLine.length; ) {
    const sgr = /^\u001b\[([0-9;]*)m/.exec(rawLine.slice(at));
    if (sgr) {
      for (const parameter of sgr[1]!.split(';').map((value) => Number(value || 0))) {
        if (parameter === 7) on = true;
        if (parameter === 27 || parameter === 0) on = false;
      }
      at += sgr[0].length;
      continue;
    }
    shown += rawLine[at];
    inverse.push(on);
    at++;
  }
  const index = shown.indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not in the line ${JSON.stringify(shown)}`);
  return inverse.slice(index, index + text.length).every(Boolean);
}

/** The raw line of the frame whose text contains `text`. */
export function rawLineWith(raw: string, text: string): string {
  const line = raw.split('\n').find((candidate) => plain(candidate).includes(text));
  if (line === undefined) throw new Error(`no line of the frame contains "${text}":\n${plain(raw)}`);
  return line;
}
