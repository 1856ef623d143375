import { Box, Text } from 'ink';
import type { Replica } from '../model/replica.js';
import { stateText, uptime } from '../model/replica.js';
import { serviceViews, type ServiceView } from '../model/service-view.js';
import type { TuiState } from '../model/tui-state.js';
import { fit } from './fit.js';
import { paint, serviceColour, stateColour } from './palette.js';

interface Row {
  key: string;
  serviceIndex: number;
  name: string;
  state: string;
  stateColour: string;
  uptime: string;
  ports: string;
  image: string;
  detail: string;
}

type Widths = { name: number; state: number; uptime: number; ports: number; image: number; detail: number };

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/**
 * Column widths for the rows shown on a terminal this wide: the name and ports columns as wide as
 * their longest entry (within limits), the image only when there is room, and what is left for
 * the health check's output or what the service waits on, the column that says the most.
 */
function widthsFor(width: number, rows: readonly Row[]): Widths {
  const name = clamp(Math.max(...rows.map((row) => row.name.length)), 7, 16);
  const ports = clamp(Math.max(...rows.map((row) => row.ports.length)), 5, width >= 100 ? 26 : 22);
  const state = 12;
  const up = 6;
  const image = width >= 110 ? 24 : 0;
  return { name, state, uptime: up, ports, image, detail: Math.max(0, width - 2 - name - state - up - ports - image - (image ? 5 : 4)) };
}

function rowsOf(views: ServiceView[], now: number): Row[] {
  return views.flatMap((view, serviceIndex): Row[] => {
    if (view.replicas.length === 0) {
      const waiting = view.waitingOn.length > 0;
      return [{
        key: view.spec.name,
        serviceIndex,
        name: view.spec.name,
        state: view.progress ? view.progress.split(' ')[0]!.toLowerCase() : waiting ? 'waiting' : 'not created',
        stateColour: 'gray',
        uptime: '',
        ports: '',
        image: view.spec.image,
        detail: waiting ? `waiting on ${view.waitingOn.join(', ')}` : view.progress ?? '',
      }];
    }
    return view.replicas.map((replica: Replica) => ({
      key: replica.id,
      serviceIndex,
      name: replica.name,
      state: stateText(replica),
      stateColour: stateColour(replica.state, replica.exitCode),
      uptime: replica.startedAt ? uptime(replica.startedAt, now) : '',
      ports: replica.ports.join(' '),
      image: replica.image,
      detail: view.progress ?? (view.waitingOn.length > 0 ? `waiting on ${view.waitingOn.join(', ')}` : replica.lastCheck ? `check: ${replica.lastCheck}` : ''),
    }));
  });
}

/** Every service and replica: state, health and its last check, uptime, ports, image, and what it waits on. */
export function ServicesPanel({ state, height }: { state: TuiState; height: number }) {
  const views = serviceViews(state.specs, state.replicas, state.serviceProgress);
  const rows = rowsOf(views, state.now);
  const widths = widthsFor(state.columns, rows);
  const visible = Math.max(1, height - 1);
  const firstSelected = rows.findIndex((row) => row.serviceIndex === state.selected);
  const offset = Math.max(0, Math.min(firstSelected - visible + 1, rows.length - visible));
  const header = `  ${fit('SERVICE', widths.name)} ${fit('STATE', widths.state)} ${fit('UP', widths.uptime)} ${fit('PORTS', widths.ports)} ${widths.image ? `${fit('IMAGE', widths.image)} ` : ''}${fit('HEALTH / WAITING', widths.detail)}`;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">{header}</Text>
      {rows.slice(offset, offset + visible).map((row) => {
        const selected = row.serviceIndex === state.selected;
        return (
          <Text key={row.key} wrap="truncate">
            <Text {...paint(state.colour, selected ? 'whiteBright' : undefined)} bold={selected}>{selected ? '› ' : '  '}</Text>
            <Text {...paint(state.colour, serviceColour(row.serviceIndex))} inverse={selected}>{fit(row.name, widths.name)}</Text>
            <Text> </Text>
            <Text {...paint(state.colour, row.stateColour)}>{fit(row.state, widths.state)}</Text>
            <Text> {fit(row.uptime, widths.uptime)} {fit(row.ports, widths.ports)} {widths.image ? `${fit(row.image, widths.image)} ` : ''}</Text>
            <Text dimColor={state.colour}>{fit(row.detail, widths.detail)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
