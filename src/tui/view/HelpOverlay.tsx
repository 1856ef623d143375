import { Box, Text } from 'ink';
import { keyBindings } from '../keys/key-bindings.js';
import type { TuiState } from '../model/tui-state.js';
import { fit } from './fit.js';

/** Every key, grouped; two columns of groups when the terminal is wide enough. */
export function HelpOverlay({ state, height }: { state: TuiState; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold>Keys · esc or ? closes</Text>
      {keyBindings.map((group) => (
        <Box key={group.group} flexDirection="column" flexShrink={0}>
          <Text bold underline={state.colour}>{group.group}</Text>
          {group.keys.map(([keys, what]) => (
            <Text key={keys} wrap="truncate">
              {'  '}
              <Text bold>{fit(keys, 12)}</Text> {what}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
