import { Box, Text } from 'ink';
import type { LogBuffer } from '../model/log-buffer.js';
import { logWindow, type LogRow } from '../model/log-view.js';
import type { Layout } from '../model/layout.js';
import type { TuiState } from '../model/tui-state.js';
import { fit } from './fit.js';
import { paint, serviceColour } from './palette.js';

function title(state: TuiState, buffer: LogBuffer, atEnd: boolean): string {
  const { logs } = state;
  const parts = [`Logs: ${logs.service ?? 'all services'}`];
  if (logs.pattern) parts.push(`/${logs.pattern.source}/ ${logs.filterOnly ? 'matching lines only' : 'matches marked'}`);
  parts.push(atEnd ? 'following' : 'scrolled back, End follows');
  if (buffer.dropped > 0) parts.push(`${buffer.dropped.toLocaleString('en')} older lines dropped`);
  if (logs.wrap) parts.push('wrapped');
  return `── ${parts.join(' · ')} `;
}

/** `10:42:07.123`-style time from RFC 3339, as wide as timestampWidth. */
function shortTime(timestamp: string | undefined): string {
  return (timestamp ?? '').replace('T', ' ').slice(0, 23).padEnd(23);
}

function LogLine({ row, state, layout, colourIndex }: { row: LogRow; state: TuiState; layout: Layout; colourIndex: number }) {
  const { entry } = row;
  const prefix = row.continuation ? ' '.repeat(layout.logPrefix) : `${fit(entry.container, layout.logPrefix - 3)} | `;
  const current = state.logs.current === entry.seq && !row.continuation;
  return (
    <Text wrap="truncate">
      <Text {...paint(state.colour, serviceColour(colourIndex))} inverse={current}>{prefix}</Text>
      {state.logs.timestamps ? <Text dimColor={state.colour}>{row.continuation ? ' '.repeat(24) : `${shortTime(entry.timestamp)} `}</Text> : null}
      {row.pieces.map((piece, index) =>
        piece.match ? (
          <Text key={index} inverse {...paint(state.colour, 'yellow')}>{piece.text}</Text>
        ) : (
          <Text key={index} italic={entry.stream === 'note'} dimColor={entry.stream === 'note' && state.colour}>{piece.text}</Text>
        ),
      )}
    </Text>
  );
}

/** The merged (or one service's) logs, following or scrolled back, filtered and marked. */
export function LogsPanel({ state, buffer, layout }: { state: TuiState; buffer: LogBuffer; layout: Layout }) {
  const window = logWindow(buffer, state.logs, layout.logText, layout.logs);
  const colourOf = new Map(state.specs.map((spec, index) => [spec.name, index]));
  return (
    <Box flexDirection="column" height={layout.logs + 1}>
      <Text bold wrap="truncate">{fit(title(state, buffer, window.atEnd), state.columns).replace(/ +$/, (spaces) => '─'.repeat(spaces.length))}</Text>
      {window.rows.length === 0 ? <Text dimColor={state.colour}>{state.logs.pattern ? 'no line matches the filter yet' : 'no output yet'}</Text> : null}
      {window.rows.map((row, index) => (
        <LogLine key={`${row.entry.seq}:${index}`} row={row} state={state} layout={layout} colourIndex={colourOf.get(row.entry.service) ?? 0} />
      ))}
    </Box>
  );
}
