import type { LogBuffer, LogEntry } from './log-buffer.js';
import { matchRanges, matches, type LogPattern } from './log-pattern.js';

/** How the logs panel is looking at the buffer. */
export interface LogViewState {
  /** One service alone; all services when undefined. */
  service?: string;
  pattern?: LogPattern;
  /** With a pattern: true shows only matching lines, false shows all lines with matches marked. */
  filterOnly: boolean;
  /** The seq of the bottom line while scrolled back; undefined follows the newest line. */
  anchor?: number;
  /** The match `n`/`N` last moved to. */
  current?: number;
  wrap: boolean;
  timestamps: boolean;
}

export const initialLogView: LogViewState = { filterOnly: true, wrap: false, timestamps: false };

/** A run of text in a row, marked when the pattern matched it. */
export interface Piece {
  text: string;
  match: boolean;
}

/** One screen row of the panel: a whole line, or one part of a wrapped line. */
export interface LogRow {
  entry: LogEntry;
  /** A wrapped line's second and later rows. */
  continuation: boolean;
  pieces: Piece[];
}

export interface LogWindow {
  rows: LogRow[];
  /** True when the newest shown line is the newest there is. */
  atEnd: boolean;
  /** The seq of the topmost line shown, when any. */
  topSeq?: number;
}

/** Whether the view shows this line at all. */
export function shown(view: LogViewState, entry: LogEntry): boolean {
  if (view.service !== undefined && entry.service !== view.service) return false;
  if (view.pattern && view.filterOnly && entry.stream !== 'note' && !matches(view.pattern, entry.text)) return false;
  return true;
}

/** The newest shown line at or before seq. */
export function shownAtOrBefore(buffer: LogBuffer, view: LogViewState, seq: number): LogEntry | undefined {
  for (let at = Math.min(seq, buffer.total - 1); at >= buffer.firstSeq; at--) {
    const entry = buffer.at(at)!;
    if (shown(view, entry)) return entry;
  }
  return undefined;
}

/** The oldest shown line at or after seq. */
export function shownAtOrAfter(buffer: LogBuffer, view: LogViewState, seq: number): LogEntry | undefined {
  for (let at = Math.max(seq, buffer.firstSeq); at < buffer.total; at++) {
    const entry = buffer.at(at)!;
    if (shown(view, entry)) return entry;
  }
  return undefined;
}

/**
 * The rows that fill a panel `height` rows high whose text column is `width` wide, ending at the
 * anchor (or the newest line). Only the lines on screen are cut and searched, so a full buffer
 * costs no more to draw than an empty one.
 */
export function logWindow(buffer: LogBuffer, view: LogViewState, width: number, height: number): LogWindow {
  const newest = shownAtOrBefore(buffer, view, buffer.total - 1);
  const bottom = view.anchor === undefined ? newest : shownAtOrBefore(buffer, view, view.anchor) ?? shownAtOrAfter(buffer, view, buffer.firstSeq);
  const rows: LogRow[] = [];
  let topSeq: number | undefined;
  for (let entry = bottom; entry && rows.length < height; entry = shownAtOrBefore(buffer, view, entry.seq - 1)) {
    const lineRows = rowsOf(entry, view, width);
    rows.unshift(...lineRows.slice(Math.max(0, lineRows.length - (height - rows.length))));
    topSeq = entry.seq;
  }
  return { rows, atEnd: bottom === newest, ...(topSeq !== undefined && { topSeq }) };
}

function rowsOf(entry: LogEntry, view: LogViewState, width: number): LogRow[] {
  const ranges = view.pattern ? matchRanges(view.pattern, entry.text) : [];
  const pieces = piecesOf(entry.text, ranges);
  if (!view.wrap || entry.text.length <= width || width < 1) return [{ entry, continuation: false, pieces }];
  const rows: LogRow[] = [];
  for (let start = 0; start < entry.text.length; start += width) {
    rows.push({ entry, continuation: start > 0, pieces: slicePieces(pieces, start, start + width) });
  }
  return rows;
}

function piecesOf(text: string, ranges: Array<[number, number]>): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}

function slicePieces(pieces: Piece[], from: number, to: number): Piece[] {
  const sliced: Piece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const start = Math.max(from, offset);
    const end = Math.min(to, offset + piece.text.length);
    if (start < end) sliced.push({ text: piece.text.slice(start - offset, end - offset), match: piece.match });
    offset += piece.text.length;
  }
  return sliced;
}
