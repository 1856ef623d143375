import { Box, useInput } from 'ink';
import { useSyncExternalStore } from 'react';
import { handleKey, type TuiActions } from '../keys/handle-key.js';
import { layoutOf } from '../model/layout.js';
import type { TuiStore } from '../model/tui-store.js';
import { ErrorsOverlay, ErrorsPanel } from './ErrorsPanel.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LogsPanel } from './LogsPanel.js';
import { ProgressPanel } from './ProgressPanel.js';
import { ServicesPanel } from './ServicesPanel.js';
import { StatusBar } from './StatusBar.js';
import { TitleBar } from './TitleBar.js';

/**
 * The whole screen. It reads the store and hands keys to handleKey; it holds no state of its own,
 * so leaving the UI for a shell and coming back (a new mount) loses nothing.
 */
export function App({ store, actions }: { store: TuiStore; actions: TuiActions }) {
  useSyncExternalStore(store.subscribe, store.version);
  useInput((input, key) => {
    // Keys typed faster than they are read (or pasted) arrive as one string: take them one by one.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const character of input) handleKey(store, actions, character === '\r' ? '' : character, character === '\r' ? { return: true } : {});
      return;
    }
    handleKey(store, actions, input, key);
  });
  const { state } = store;
  const layout = layoutOf(state);
  const middle = layout.services + layout.progress + layout.logs + 1;
  return (
    <Box flexDirection="column" width={state.columns}>
      <TitleBar state={state} />
      {state.overlay === 'help' ? (
        <HelpOverlay state={state} height={middle + layout.errors} />
      ) : state.overlay === 'errors' ? (
        <ErrorsOverlay state={state} height={middle + layout.errors} />
      ) : (
        <>
          <ServicesPanel state={state} height={layout.services} />
          <ProgressPanel state={state} height={layout.progress} />
          <LogsPanel state={state} buffer={store.logs} layout={layout} />
          <ErrorsPanel state={state} height={layout.errors} messageRows={layout.errorMessage} />
        </>
      )}
      <StatusBar state={state} />
    </Box>
  );
}
