import { describe, expect, it } from 'vitest';
import { eventTime } from '../../../../src/api/server/router/system/event-time.js';

describe('events since and until', () => {
  it('are Unix seconds with up to nine digits of fraction, as the docker CLI sends them', () => {
    expect(eventTime('1700000000', 'since')).toBe(1_700_000_000_000_000_000n);
    expect(eventTime('1700000000.5', 'since')).toBe(1_700_000_000_500_000_000n);
    expect(eventTime('1700000000.000000001', 'since')).toBe(1_700_000_000_000_000_001n);
  });

  it('take an RFC 3339 time too', () => {
    expect(eventTime('2023-11-14T22:13:20Z', 'until')).toBe(1_700_000_000_000_000_000n);
  });

  it('are absent when empty', () => {
    expect(eventTime(undefined, 'since')).toBeUndefined();
    expect(eventTime('', 'since')).toBeUndefined();
  });

  it('refuse anything else with a 400 that names the parameter', () => {
    expect(() => eventTime('10m', 'until')).toThrow('invalid value for until: "10m" is neither Unix seconds nor an RFC 3339 time');
  });
});
