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

/** Column widths for a terminal this wide; the image column goes first when space is short. */
function columnsFor(width: number): { name: number; state: number; uptime: number; ports: number; image: number; detail: number } {
  const name = 16;
  const state = 13;
  const up = 7;
  const ports = width >= 100 ? 26 : 22;
  const image = width >= 110 ? 24 : 0;
  return { name, state, uptime: up, ports, image, detail: Math.max(0, width - 2 - name - state - up - ports - image - 5) };
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
  const widths = columnsFor(state.columns);
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
