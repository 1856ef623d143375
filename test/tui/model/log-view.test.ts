import { describe, expect, it } from 'vitest';
import { LogBuffer, type LogEntry } from '../../../src/tui/model/log-buffer.js';
import { compilePattern, type LogPattern } from '../../../src/tui/model/log-pattern.js';
import { initialLogView, logWindow, type LogRow, type LogViewState } from '../../../src/tui/model/log-view.js';

function pattern(source: string): LogPattern {
  const compiled = compilePattern(source);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled;
}

function bufferOf(lines: Array<[service: string, text: string, stream?: LogEntry['stream']]>): LogBuffer {
  const buffer = new LogBuffer(100);
  for (const [service, text, stream = 'stdout'] of lines) buffer.push({ service, container: `${service}-1`, stream, text });
  return buffer;
}

function texts(rows: LogRow[]): string[] {
  return rows.map((row) => row.pieces.map((piece) => piece.text).join(''));
}

const numbered = bufferOf(Array.from({ length: 20 }, (_, index) => ['web', `line ${index}`] as [string, string]));

describe('logWindow', () => {
  it('shows the newest lines while following', () => {
    const window = logWindow(numbered, initialLogView, 80, 3);
    expect(texts(window.rows)).toEqual(['line 17', 'line 18', 'line 19']);
    expect(window.atEnd).toBe(true);
    expect(window.topSeq).toBe(17);
  });

  it('ends at the anchor line when scrolled back', () => {
    const window = logWindow(numbered, { ...initialLogView, anchor: 10 }, 80, 3);
    expect(texts(window.rows)).toEqual(['line 8', 'line 9', 'line 10']);
    expect(window.atEnd).toBe(false);
  });

  it('shows fewer rows than the height when there are fewer lines', () => {
    const window = logWindow(bufferOf([['web', 'only']]), initialLogView, 80, 5);
    expect(texts(window.rows)).toEqual(['only']);
  });

  it('has no rows and no top for an empty buffer', () => {
    const window = logWindow(new LogBuffer(10), initialLogView, 80, 5);
    expect(window.rows).toEqual([]);
    expect(window.topSeq).toBeUndefined();
  });

  it('shows one service alone', () => {
    const buffer = bufferOf([['web', 'w1'], ['db', 'd1'], ['web', 'w2'], ['db', 'd2']]);
    expect(texts(logWindow(buffer, { ...initialLogView, service: 'db' }, 80, 5).rows)).toEqual(['d1', 'd2']);
  });

  it('keeps a long line whole on one row without wrap', () => {
    const buffer = bufferOf([['web', 'abcdefghijklmnopqrstuvwxy']]);
    const window = logWindow(buffer, initialLogView, 10, 5);
    expect(texts(window.rows)).toEqual(['abcdefghijklmnopqrstuvwxy']);
  });

  it('splits a long line into rows of the text width with wrap, later rows marked as continuations', () => {
    const buffer = bufferOf([['web', 'abcdefghijklmnopqrstuvwxy']]);
    const window = logWindow(buffer, { ...initialLogView, wrap: true }, 10, 5);
    expect(texts(window.rows)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy']);
    expect(window.rows.map((row) => row.continuation)).toEqual([false, true, true]);
  });

  it('keeps the marked pieces when a wrapped line is split across a match', () => {
    const buffer = bufferOf([['web', 'aaaaaaaERRORbbbbbbb']]);
    const window = logWindow(buffer, { ...initialLogView, wrap: true, pattern: pattern('error'), filterOnly: false }, 10, 5);
    expect(window.rows.map((row) => row.pieces)).toEqual([
      [{ text: 'aaaaaaa', match: false }, { text: 'ERR', match: true }],
      [{ text: 'OR', match: true }, { text: 'bbbbbbb', match: false }],
    ]);
  });

  it('shows only the bottom rows of a wrapped line that does not fit above', () => {
    const buffer = bufferOf([['web', 'abcdefghijklmnopqrstuvwxy'], ['web', 'last']]);
    const window = logWindow(buffer, { ...initialLogView, wrap: true }, 10, 3);
    expect(texts(window.rows)).toEqual(['klmnopqrst', 'uvwxy', 'last']);
  });

  it('shows only matching lines (and berth notes) with filter-only', () => {
    const buffer = bufferOf([['web', 'GET / 200'], ['web', 'error: boom'], ['web', '── exited with code 1 ──', 'note'], ['db', 'ERROR again']]);
    const window = logWindow(buffer, { ...initialLogView, pattern: pattern('error'), filterOnly: true }, 80, 10);
    expect(texts(window.rows)).toEqual(['error: boom', '── exited with code 1 ──', 'ERROR again']);
  });

  it('shows every line with the matches marked when not filter-only', () => {
    const buffer = bufferOf([['web', 'GET / 200'], ['web', 'an error here']]);
    const window = logWindow(buffer, { ...initialLogView, pattern: pattern('error'), filterOnly: false }, 80, 10);
    expect(window.rows.map((row) => row.pieces)).toEqual([
      [{ text: 'GET / 200', match: false }],
      [{ text: 'an ', match: false }, { text: 'error', match: true }, { text: ' here', match: false }],
    ]);
  });

  it('shows the nearest shown line when the anchor line is filtered out', () => {
    const buffer = bufferOf([['web', 'error 0'], ['web', 'ok 1'], ['web', 'error 2'], ['web', 'ok 3'], ['web', 'error 4']]);
    const view: LogViewState = { ...initialLogView, pattern: pattern('error'), filterOnly: true, anchor: 3 };
    const window = logWindow(buffer, view, 80, 1);
    expect(texts(window.rows)).toEqual(['error 2']);
    expect(window.atEnd).toBe(false);
  });
});
