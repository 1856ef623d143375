import { describe, expect, it } from 'vitest';
import { compilePattern, matchRanges, matches, type LogPattern } from '../../../src/tui/model/log-pattern.js';

function compiled(source: string): LogPattern {
  const pattern = compilePattern(source);
  if ('error' in pattern) throw new Error(pattern.error);
  return pattern;
}

describe('compilePattern', () => {
  it('matches either case when the pattern is all lower case', () => {
    const pattern = compiled('error');
    expect(matches(pattern, 'ERROR: disk full')).toBe(true);
    expect(matches(pattern, 'an Error')).toBe(true);
  });

  it('matches the exact case once the pattern has a capital letter', () => {
    const pattern = compiled('Error');
    expect(matches(pattern, 'Error: disk full')).toBe(true);
    expect(matches(pattern, 'error: disk full')).toBe(false);
    expect(matches(pattern, 'ERROR: disk full')).toBe(false);
  });

  it('keeps what was typed as the source', () => {
    expect(compiled('GET /api').source).toBe('GET /api');
  });

  it('gives the parser words for a bad expression instead of a pattern', () => {
    const result = compilePattern('err(');
    expect(result).not.toHaveProperty('regex');
    expect((result as { error: string }).error).toMatch(/Invalid regular expression.*err\(/);
  });

  it('answers the same for the same line asked twice (no leftover lastIndex)', () => {
    const pattern = compiled('ok');
    expect(matches(pattern, 'ok ok')).toBe(true);
    expect(matches(pattern, 'ok ok')).toBe(true);
    expect(matchRanges(pattern, 'ok')).toEqual([[0, 2]]);
    expect(matchRanges(pattern, 'ok')).toEqual([[0, 2]]);
  });
});

describe('matchRanges', () => {
  it('gives every match in the line', () => {
    expect(matchRanges(compiled('o+'), 'foo boo')).toEqual([[1, 3], [5, 7]]);
  });

  it('skips empty matches', () => {
    expect(matchRanges(compiled('x*'), 'abxc')).toEqual([[2, 3]]);
  });
});
