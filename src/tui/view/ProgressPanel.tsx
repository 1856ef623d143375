import { Box, Text } from 'ink';
import type { TuiState } from '../model/tui-state.js';
import { paint } from './palette.js';

/** The steps of `up` (or of the stop on quit) on networks, volumes and images still under way. */
export function ProgressPanel({ state, height }: { state: TuiState; height: number }) {
  if (height === 0) return null;
  const lines = [...state.progress.values()].filter((line) => !line.done || line.failed).slice(-height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line) => (
        <Text key={line.resource} wrap="truncate">
          <Text {...paint(state.colour, line.failed ? 'red' : 'yellow')}>{line.done ? '✘' : '…'} </Text>
          {line.resource} <Text bold>{line.status}</Text> {line.detail ?? ''}
        </Text>
      ))}
    </Box>
  );
}
