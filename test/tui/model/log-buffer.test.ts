import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../src/tui/model/log-buffer.js';

function line(text: string) {
  return { service: 'web', container: 'web-1', stream: 'stdout' as const, text };
}

function filled(capacity: number, count: number): LogBuffer {
  const buffer = new LogBuffer(capacity);
  for (let index = 0; index < count; index++) buffer.push(line(`line ${index}`));
  return buffer;
}

describe('LogBuffer', () => {
  it('numbers lines from 0 in the order they arrive', () => {
    const buffer = new LogBuffer(10);
    expect(buffer.push(line('first')).seq).toBe(0);
    expect(buffer.push(line('second')).seq).toBe(1);
    expect(buffer.at(0)?.text).toBe('first');
    expect(buffer.at(1)?.text).toBe('second');
    expect(buffer.total).toBe(2);
    expect(buffer.dropped).toBe(0);
    expect(buffer.firstSeq).toBe(0);
  });

  it('keeps only the newest lines once full and counts the dropped ones', () => {
    const buffer = filled(3, 10);
    expect(buffer.total).toBe(10);
    expect(buffer.dropped).toBe(7);
    expect(buffer.firstSeq).toBe(7);
    expect([7, 8, 9].map((seq) => buffer.at(seq)?.text)).toEqual(['line 7', 'line 8', 'line 9']);
  });

  it('gives nothing for a line that was dropped or has not arrived', () => {
    const buffer = filled(3, 10);
    expect(buffer.at(6)).toBeUndefined();
    expect(buffer.at(10)).toBeUndefined();
    expect(buffer.at(-1)).toBeUndefined();
    expect(new LogBuffer(5).at(0)).toBeUndefined();
  });

  it('keeps each line with its own seq however many times the ring goes round', () => {
    const buffer = filled(4, 1003);
    for (let seq = buffer.firstSeq; seq < buffer.total; seq++) expect(buffer.at(seq)).toMatchObject({ seq, text: `line ${seq}` });
  });

  it('says it is empty with firstSeq equal to total', () => {
    const buffer = new LogBuffer(2);
    expect(buffer.total).toBe(0);
    expect(buffer.firstSeq).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LogBuffer(0)).toThrow(RangeError);
    expect(() => new LogBuffer(1.5)).toThrow(/positive integer/);
  });
});
