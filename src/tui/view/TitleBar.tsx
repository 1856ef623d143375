import { Text } from 'ink';
import type { TuiState } from '../model/tui-state.js';
import { paint } from './palette.js';

const phaseWords: Record<TuiState['phase'], string> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
};

const watchWords: Record<NonNullable<TuiState['watch']>, string> = {
  starting: 'watch starting',
  on: 'watch on',
  stopping: 'watch stopping',
};

/** The top row: the project, the engine, where `up` is, and whether watch is on. */
export function TitleBar({ state }: { state: TuiState }) {
  const running = [...state.replicas.values()].flat().filter((replica) => ['running', 'healthy', 'starting', 'unhealthy'].includes(replica.state)).length;
  const total = [...state.replicas.values()].flat().length;
  return (
    <Text wrap="truncate">
      <Text bold {...paint(state.colour, 'blueBright')}>berth</Text> {state.project}
      <Text dimColor={state.colour}> on {state.engine}</Text> · <Text {...paint(state.colour, state.phase === 'running' ? 'green' : 'yellow')}>{phaseWords[state.phase]}</Text>
      {state.watch ? <> · <Text {...paint(state.colour, state.watch === 'on' ? 'green' : 'yellow')}>{watchWords[state.watch]}</Text></> : null} · {running}/{total} containers up
    </Text>
  );
}
