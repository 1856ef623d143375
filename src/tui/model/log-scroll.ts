import type { LogBuffer } from './log-buffer.js';
import { matches } from './log-pattern.js';
import { logWindow, shown, shownAtOrAfter, shownAtOrBefore, type LogViewState } from './log-view.js';

/**
 * Moving through the logs. Each step returns the next view; the anchor is the bottom line, and an
 * anchor at the newest line becomes "follow" again, so new lines scroll in.
 */

/** PgUp: `page` lines back, never past the point where the oldest line sits at the top. */
export function pageUp(buffer: LogBuffer, view: LogViewState, page: number): LogViewState {
  const bottom = view.anchor ?? buffer.total - 1;
  const floor = homeAnchor(buffer, view, page + 1);
  if (floor === undefined) return view;
  let target = shownAtOrBefore(buffer, view, bottom);
  for (let step = 0; step < page && target; step++) target = shownAtOrBefore(buffer, view, target.seq - 1) ?? target;
  return settle(buffer, view, Math.max(target?.seq ?? floor, floor));
}

/** PgDn: `page` lines on; reaching the newest line follows again. */
export function pageDown(buffer: LogBuffer, view: LogViewState, page: number): LogViewState {
  if (view.anchor === undefined) return view;
  let target = shownAtOrAfter(buffer, view, view.anchor);
  for (let step = 0; step < page && target; step++) target = shownAtOrAfter(buffer, view, target.seq + 1) ?? target;
  return settle(buffer, view, target?.seq);
}

/** Home: the oldest line held at the top of a panel `height` rows high. */
export function scrollHome(buffer: LogBuffer, view: LogViewState, height: number): LogViewState {
  return settle(buffer, view, homeAnchor(buffer, view, height));
}

/** End: follow the newest line. */
export function scrollEnd(view: LogViewState): LogViewState {
  return { ...view, anchor: undefined };
}

/**
 * `n` (older) and `N` (newer): the next line the pattern matches, counted from the last match
 * moved to, or from the bottom of the panel. The panel scrolls only when the match is off screen.
 */
export function jumpToMatch(buffer: LogBuffer, view: LogViewState, direction: 'older' | 'newer', size: { width: number; height: number }): LogViewState | undefined {
  const { pattern } = view;
  if (!pattern) return undefined;
  const start = view.current ?? (direction === 'older' ? (view.anchor ?? buffer.total - 1) + 1 : (logWindow(buffer, view, size.width, size.height).topSeq ?? buffer.firstSeq) - 1);
  const step = direction === 'older' ? -1 : 1;
  for (let seq = start + step; seq >= buffer.firstSeq && seq < buffer.total; seq += step) {
    const entry = buffer.at(seq)!;
    if (!shown(view, entry) || entry.stream === 'note' || !matches(pattern, entry.text)) continue;
    const window = logWindow(buffer, view, size.width, size.height);
    const bottom = view.anchor ?? buffer.total - 1;
    const onScreen = window.topSeq !== undefined && seq >= window.topSeq && seq <= bottom;
    return onScreen ? { ...view, current: seq } : settle(buffer, { ...view, current: seq }, seq);
  }
  return undefined;
}

function homeAnchor(buffer: LogBuffer, view: LogViewState, height: number): number | undefined {
  let entry = shownAtOrAfter(buffer, view, buffer.firstSeq);
  for (let row = 1; row < height && entry; row++) {
    const next = shownAtOrAfter(buffer, view, entry.seq + 1);
    if (!next) return undefined;
    entry = next;
  }
  return entry?.seq;
}

function settle(buffer: LogBuffer, view: LogViewState, anchor: number | undefined): LogViewState {
  const newest = shownAtOrBefore(buffer, view, buffer.total - 1);
  return { ...view, anchor: anchor === undefined || newest === undefined || anchor >= newest.seq ? undefined : anchor };
}
