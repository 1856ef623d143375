import { Box, Text } from 'ink';
import type { ErrorEntry, TuiState } from '../model/tui-state.js';
import { paint } from './palette.js';

function ErrorText({ entry, colour }: { entry: ErrorEntry; colour: boolean }) {
  return (
    <Text wrap="wrap">
      <Text {...paint(colour, 'red')} bold>✘ {entry.title}: </Text>
      {entry.message}
    </Text>
  );
}

/** The latest error, wrapped, never cut mid-message unless it is longer than the panel; E shows all. */
export function ErrorsPanel({ state, height }: { state: TuiState; height: number }) {
  const latest = state.errors.at(-1);
  if (!latest || height === 0) return null;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <ErrorText entry={latest} colour={state.colour} />
      {state.errors.length > 1 ? <Text dimColor={state.colour}>{state.errors.length} errors: E shows them all</Text> : null}
    </Box>
  );
}

/** Every error so far, each in full. */
export function ErrorsOverlay({ state, height }: { state: TuiState; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold>Errors ({state.errors.length}), newest last · esc closes</Text>
      {state.errors.length === 0 ? <Text>none</Text> : null}
      {state.errors.map((entry, index) => (
        <ErrorText key={index} entry={entry} colour={state.colour} />
      ))}
    </Box>
  );
}
