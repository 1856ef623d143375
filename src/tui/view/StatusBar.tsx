import { Text } from 'ink';
import { keyHint } from '../keys/key-bindings.js';
import type { TuiState } from '../model/tui-state.js';
import { paint } from './palette.js';

/** The bottom row: the filter being typed, or the last notice, or the key hint. */
export function StatusBar({ state }: { state: TuiState }) {
  if (state.prompt) {
    return (
      <Text wrap="truncate">
        /{state.prompt.text}
        <Text inverse> </Text>
        {state.prompt.error ? <Text {...paint(state.colour, 'red')}>  {state.prompt.error}</Text> : <Text dimColor={state.colour}>  enter applies, esc cancels</Text>}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" {...(state.notice ? paint(state.colour, 'cyan') : {})} dimColor={!state.notice && state.colour}>
      {state.notice ?? keyHint}
    </Text>
  );
}
