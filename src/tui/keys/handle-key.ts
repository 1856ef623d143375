import type { Key } from 'ink';
import { layoutOf } from '../model/layout.js';
import { compilePattern } from '../model/log-pattern.js';
import { jumpToMatch, pageDown, pageUp, scrollEnd, scrollHome } from '../model/log-scroll.js';
import type { TuiStore } from '../model/tui-store.js';

/** What the keys can ask of the world outside the UI. Each returns when the action is over. */
export interface TuiActions {
  restart(service: string): Promise<void>;
  stop(service: string): Promise<void>;
  start(service: string): Promise<void>;
  recreate(service: string): Promise<void>;
  /** Leaves the UI for a shell in the service's container and comes back when it exits. */
  shell(service: string): Promise<void>;
  /** Switches Compose watch (develop.watch) on or off. */
  watch(): Promise<void>;
  detach(): void;
  /** q (exit code 0) and ctrl-c (130, as an interrupted Compose command). */
  quit(exitCode?: number): void;
}

/**
 * One key press: changes the store, or starts an action. Typing a filter takes every key until
 * enter or esc. Unknown keys do nothing.
 */
export function handleKey(store: TuiStore, actions: TuiActions, input: string, key: Partial<Key>): void {
  const { state } = store;
  if (key.ctrl && input === 'c') return actions.quit(130);
  if (state.prompt) return typeFilter(store, input, key);
  if (state.overlay) {
    if (key.escape || input === 'q' || input === '?' || input === 'E') store.update((draft) => (draft.overlay = undefined));
    return;
  }
  const selected = state.specs[state.selected]?.name;
  const layout = layoutOf(state);
  const page = Math.max(1, layout.logs - 1);
  const logSize = { width: layout.logText, height: layout.logs };
  const setLogs = (next: typeof state.logs | undefined): void => {
    if (next) store.update((draft) => (draft.logs = next));
  };
  const toggleServiceLogs = (): void =>
    setLogs({ ...state.logs, service: state.logs.service === selected ? undefined : selected, anchor: undefined, current: undefined });
  if (key.upArrow || input === 'k') return store.update((draft) => (draft.selected = Math.max(0, draft.selected - 1)));
  if (key.downArrow || input === 'j') return store.update((draft) => (draft.selected = Math.min(draft.specs.length - 1, draft.selected + 1)));
  if (key.pageUp) return setLogs(pageUp(store.logs, state.logs, page));
  if (key.pageDown) return setLogs(pageDown(store.logs, state.logs, page));
  if (key.home) return setLogs(scrollHome(store.logs, state.logs, logSize.height));
  if (key.end) return setLogs(scrollEnd(state.logs));
  if (key.escape) return store.update((draft) => {
    draft.logs = { ...draft.logs, pattern: undefined, current: undefined };
    draft.notice = undefined;
  });
  switch (input) {
    case '?':
      return store.update((draft) => (draft.overlay = 'help'));
    case 'E':
      return store.update((draft) => (draft.overlay = 'errors'));
    case '/':
      return store.update((draft) => (draft.prompt = { text: draft.logs.pattern?.source ?? '' }));
    case 'n':
    case 'N': {
      const moved = jumpToMatch(store.logs, state.logs, input === 'n' ? 'older' : 'newer', logSize);
      if (moved) return setLogs(moved);
      return store.update((draft) => (draft.notice = state.logs.pattern ? `no ${input === 'n' ? 'older' : 'newer'} match` : 'no filter: type / first'));
    }
    case 'f':
      return setLogs({ ...state.logs, filterOnly: !state.logs.filterOnly });
    case 't':
      return setLogs({ ...state.logs, timestamps: !state.logs.timestamps });
    case 'W':
      return setLogs({ ...state.logs, wrap: !state.logs.wrap });
    case 'l':
      return toggleServiceLogs();
    case 'w':
      return void actions.watch();
    case 'd':
      return actions.detach();
    case 'q':
      return actions.quit();
  }
  if (key.return) return toggleServiceLogs();
  if (selected === undefined) return;
  switch (input) {
    case 'r':
      return void actions.restart(selected);
    case 'x':
      return void actions.stop(selected);
    case 's':
      return void actions.start(selected);
    case 'R':
      return void actions.recreate(selected);
    case 'e':
      return void actions.shell(selected);
    case 'o':
      return store.update((draft) => (draft.notice = urlNotice(draft.replicas.get(selected)?.flatMap((replica) => replica.ports) ?? [], selected)));
  }
}

function typeFilter(store: TuiStore, input: string, key: Partial<Key>): void {
  const prompt = store.state.prompt!;
  if (key.escape) return store.update((draft) => (draft.prompt = undefined));
  if (key.return) {
    if (prompt.text === '') {
      return store.update((draft) => {
        draft.prompt = undefined;
        draft.logs = { ...draft.logs, pattern: undefined, current: undefined };
      });
    }
    const compiled = compilePattern(prompt.text);
    if ('error' in compiled) return store.update((draft) => (draft.prompt = { ...prompt, error: compiled.error }));
    return store.update((draft) => {
      draft.prompt = undefined;
      draft.logs = { ...draft.logs, pattern: compiled, current: undefined, anchor: undefined };
    });
  }
  const text = key.backspace || key.delete ? prompt.text.slice(0, -1) : key.ctrl || key.meta || key.tab ? prompt.text : prompt.text + input;
  store.update((draft) => (draft.prompt = { text }));
}

/** The URLs of a service's published ports: `http://127.0.0.1:8080/`, for the user to copy. */
export function urlNotice(ports: readonly string[], service: string): string {
  const urls = ports
    .filter((port) => !/\/(udp|sctp)$/.test(port))
    .map((port) => {
      const [host, published] = port.split('->')[0]!.split(/:(?=[^:]*$)/);
      return `http://${host === '0.0.0.0' || host === '' ? '127.0.0.1' : host}:${published}/`;
    });
  return urls.length > 0 ? `${service}: ${[...new Set(urls)].join('  ')}` : `${service} publishes no TCP port`;
}
