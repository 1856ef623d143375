import { describe, expect, it } from 'vitest';
import { LogBuffer, type LogEntry } from '../../../src/tui/model/log-buffer.js';
import { compilePattern, type LogPattern } from '../../../src/tui/model/log-pattern.js';
import { initialLogView, logWindow, type LogViewState } from '../../../src/tui/model/log-view.js';
import { jumpToMatch, pageDown, pageUp, scrollEnd, scrollHome } from '../../../src/tui/model/log-scroll.js';

function pattern(source: string): LogPattern {
  const compiled = compilePattern(source);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled;
}

function bufferOf(texts: string[], capacity = 1000, stream: LogEntry['stream'] = 'stdout'): LogBuffer {
  const buffer = new LogBuffer(capacity);
  for (const text of texts) buffer.push({ service: 'web', container: 'web-1', stream, text });
  return buffer;
}

const hundred = bufferOf(Array.from({ length: 100 }, (_, index) => `line ${index}`));
const following = initialLogView;
const at = (anchor: number): LogViewState => ({ ...initialLogView, anchor });

describe('PgUp and PgDn', () => {
  it('PgUp goes a page back from the newest line', () => {
    expect(pageUp(hundred, following, 10).anchor).toBe(89);
    expect(pageUp(hundred, at(89), 10).anchor).toBe(79);
  });

  it('PgUp stops where the oldest line is at the top of the panel', () => {
    expect(pageUp(hundred, at(15), 10).anchor).toBe(10);
    expect(pageUp(hundred, at(10), 10).anchor).toBe(10);
  });

  it('PgUp does nothing when all lines fit on the panel', () => {
    const few = bufferOf(['a', 'b', 'c']);
    expect(pageUp(few, following, 10)).toBe(following);
  });

  it('PgUp counts only the lines a filter shows', () => {
    const buffer = bufferOf(Array.from({ length: 100 }, (_, index) => (index % 10 === 0 ? `error ${index}` : `ok ${index}`)));
    const view = { ...initialLogView, pattern: pattern('error'), filterOnly: true };
    expect(pageUp(buffer, view, 2).anchor).toBe(70);
  });

  it('PgDn goes a page on', () => {
    expect(pageDown(hundred, at(79), 10).anchor).toBe(89);
  });

  it('PgDn that reaches the newest line follows again', () => {
    expect(pageDown(hundred, at(89), 10).anchor).toBeUndefined();
    expect(pageDown(hundred, at(95), 10).anchor).toBeUndefined();
  });

  it('PgDn while following changes nothing', () => {
    expect(pageDown(hundred, following, 10)).toBe(following);
  });

  it('keeps the filter, the service and the other settings while scrolling', () => {
    const view: LogViewState = { ...initialLogView, service: 'web', wrap: true, timestamps: true };
    expect(pageUp(hundred, view, 10)).toEqual({ ...view, anchor: 89 });
  });
});

describe('Home and End', () => {
  it('Home puts the oldest line at the top of the panel', () => {
    const view = scrollHome(hundred, following, 10);
    expect(view.anchor).toBe(9);
    expect(logWindow(hundred, view, 80, 10).topSeq).toBe(0);
  });

  it('Home goes to the oldest line still held after older ones were dropped', () => {
    const buffer = bufferOf(Array.from({ length: 100 }, (_, index) => `line ${index}`), 50);
    const view = scrollHome(buffer, following, 10);
    expect(view.anchor).toBe(59);
    expect(logWindow(buffer, view, 80, 10).topSeq).toBe(50);
  });

  it('Home when everything fits keeps following', () => {
    expect(scrollHome(bufferOf(['a', 'b']), following, 10).anchor).toBeUndefined();
  });

  it('End follows the newest line again', () => {
    expect(scrollEnd({ ...at(40), wrap: true })).toEqual({ ...initialLogView, wrap: true, anchor: undefined });
  });
});

describe('n and N', () => {
  // error at 0, 2 and 4; ok from 5 to 9
  const texts = ['error a', 'ok 1', 'error b', 'ok 3', 'error c', 'ok 5', 'ok 6', 'ok 7', 'ok 8', 'ok 9'];
  const buffer = bufferOf(texts);
  const marked: LogViewState = { ...initialLogView, pattern: pattern('error'), filterOnly: false };
  const size = { width: 80, height: 5 };

  it('n from the bottom goes to the newest match and scrolls to it when it is off screen', () => {
    const moved = jumpToMatch(buffer, marked, 'older', size);
    expect(moved).toMatchObject({ current: 4, anchor: 4 });
  });

  it('n goes on to the next older match without scrolling when it is on screen', () => {
    expect(jumpToMatch(buffer, { ...marked, current: 4, anchor: 4 }, 'older', size)).toMatchObject({ current: 2, anchor: 4 });
  });

  it('N goes back to the newer match', () => {
    expect(jumpToMatch(buffer, { ...marked, current: 2, anchor: 4 }, 'newer', size)).toMatchObject({ current: 4, anchor: 4 });
  });

  it('N from the top of the panel marks a match on screen without scrolling', () => {
    const later = bufferOf(['ok 0', 'ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5', 'ok 6', 'error 7', 'ok 8', 'ok 9']);
    expect(jumpToMatch(later, marked, 'newer', size)).toEqual({ ...marked, current: 7, anchor: undefined });
  });

  it('gives nothing when there is no older match', () => {
    expect(jumpToMatch(buffer, { ...marked, current: 0, anchor: 4 }, 'older', size)).toBeUndefined();
  });

  it('gives nothing when there is no newer match', () => {
    expect(jumpToMatch(buffer, { ...marked, current: 4, anchor: 4 }, 'newer', size)).toBeUndefined();
    expect(jumpToMatch(buffer, marked, 'newer', size)).toBeUndefined();
  });

  it('n to a match on the top row of the panel marks it without scrolling', () => {
    const few = bufferOf(['error first', 'ok 1', 'ok 2']);
    expect(jumpToMatch(few, marked, 'older', size)).toEqual({ ...marked, current: 0, anchor: undefined });
  });

  it('gives nothing without a filter', () => {
    expect(jumpToMatch(buffer, initialLogView, 'older', size)).toBeUndefined();
  });

  it("skips berth's notes and other services' lines", () => {
    const mixed = new LogBuffer(100);
    mixed.push({ service: 'web', container: 'web-1', stream: 'stdout', text: 'error web' });
    mixed.push({ service: 'db', container: 'db-1', stream: 'stdout', text: 'error db' });
    mixed.push({ service: 'web', container: 'web-1', stream: 'note', text: 'error in a note' });
    expect(jumpToMatch(mixed, { ...marked, service: 'web' }, 'older', size)?.current).toBe(0);
  });
});
