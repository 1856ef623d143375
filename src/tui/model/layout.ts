import type { TuiState } from './tui-state.js';

/** How many rows each panel gets; the logs take what the others leave. */
export interface Layout {
  services: number;
  progress: number;
  errors: number;
  /** Rows of log lines, below the logs panel's title row. */
  logs: number;
  /** Width of the log text, after the name and timestamp columns. */
  logText: number;
  /** Width of the name column of the logs: the longest replica name and ` | `. */
  logPrefix: number;
}

const titleRows = 1;
const statusRows = 1;
const logTitleRows = 1;
const minimumLogRows = 3;
const maxProgressRows = 4;
const maxErrorRows = 6;
/** `2026-11-23T10:00:00.123` and a space. */
export const timestampWidth = 24;

export function layoutOf(state: TuiState): Layout {
  const { rows, columns } = state;
  const serviceRows = 1 + state.specs.reduce((sum, spec) => sum + Math.max(1, state.replicas.get(spec.name)?.length ?? 0), 0);
  const services = Math.min(serviceRows, Math.max(4, Math.floor((rows - titleRows - statusRows) / 3)));
  const pending = [...state.progress.values()].filter((line) => !line.done || line.failed).length;
  const progress = state.phase === 'starting' || state.phase === 'stopping' ? Math.min(pending, maxProgressRows) : 0;
  const latest = state.errors.at(-1);
  const errors = latest ? Math.min(maxErrorRows, 1 + Math.ceil(`${latest.title}: ${latest.message}`.length / Math.max(1, columns - 2))) : 0;
  const logs = Math.max(minimumLogRows, rows - titleRows - statusRows - logTitleRows - services - progress - errors);
  const longestName = Math.max(4, ...[...state.replicas.values()].flat().map((replica) => replica.name.length), ...state.specs.map((spec) => spec.name.length + 2));
  const logPrefix = Math.min(24, longestName) + 3;
  const logText = Math.max(10, columns - logPrefix - (state.logs.timestamps ? timestampWidth : 0));
  return { services, progress, errors, logs, logText, logPrefix };
}
