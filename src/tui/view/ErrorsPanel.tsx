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

/**
 * The latest error, wrapped, whole unless it is longer than the panel; a footer says when there are
 * more errors or this one was cut, and that E shows them in full.
 */
export function ErrorsPanel({ state, height, messageRows }: { state: TuiState; height: number; messageRows: number }) {
  const latest = state.errors.at(-1);
  if (!latest || height === 0) return null;
  // The layout gives a footer row only when there are several errors or the latest did not fit.
  const footer = height <= messageRows ? undefined : state.errors.length > 1 ? `${state.errors.length} errors: E shows them all` : 'cut short: E shows it in full';
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Box height={messageRows} overflow="hidden" flexShrink={0}>
        <ErrorText entry={latest} colour={state.colour} />
      </Box>
      {footer ? <Text dimColor={state.colour} wrap="truncate">{footer}</Text> : null}
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
