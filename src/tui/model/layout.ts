import type { TuiState } from './tui-state.js';
import { wrappedRows } from './wrapped-rows.js';

/** How many rows each panel gets; the logs take what the others leave. */
export interface Layout {
  services: number;
  progress: number;
  /** The errors panel: the latest error's rows, and a footer row when there are more or it was cut. */
  errors: number;
  errorMessage: number;
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
  const { errors, errorMessage } = errorRows(state);
  const logs = Math.max(minimumLogRows, rows - titleRows - statusRows - logTitleRows - services - progress - errors);
  const longestName = Math.max(4, ...[...state.replicas.values()].flat().map((replica) => replica.name.length), ...state.specs.map((spec) => spec.name.length + 2));
  const logPrefix = Math.min(24, longestName) + 3;
  const logText = Math.max(10, columns - logPrefix - (state.logs.timestamps ? timestampWidth : 0));
  return { services, progress, errors, errorMessage, logs, logText, logPrefix };
}

/** The latest error as `✘ title: message`, wrapped; a footer row when it is not the only one or does not fit. */
function errorRows(state: TuiState): { errors: number; errorMessage: number } {
  const latest = state.errors.at(-1);
  if (!latest) return { errors: 0, errorMessage: 0 };
  const rows = wrappedRows(`✘ ${latest.title}: ${latest.message}`, state.columns);
  const footer = state.errors.length > 1 || rows > maxErrorRows ? 1 : 0;
  const errorMessage = Math.min(rows, maxErrorRows - footer);
  return { errors: errorMessage + footer, errorMessage };
}
