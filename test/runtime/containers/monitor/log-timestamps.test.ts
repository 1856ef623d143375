import { describe, expect, it } from 'vitest';
import { formatLogTimestamp, parseLogTimestamp } from '../../../../src/runtime/containers/monitor/index.js';

describe('log timestamps', () => {
  it("reads conmon's stamp to the nanosecond, whatever the offset", () => {
    const utc = parseLogTimestamp('2026-11-23T15:14:41.397318229+00:00');
    expect(utc).toBe(1795446881397318229n);
    expect(parseLogTimestamp('2026-11-23T16:44:41.397318229+01:30')).toBe(utc);
    expect(parseLogTimestamp('2026-11-23T15:14:41.397318229Z')).toBe(utc);
    expect(parseLogTimestamp('2026-11-23T15:14:41+00:00')).toBe(1795446881000000000n);
  });

  it('prints times as docker logs --timestamps does, nine digits in UTC', () => {
    expect(formatLogTimestamp(1795446881397318229n)).toBe('2026-11-23T15:14:41.397318229Z');
    expect(formatLogTimestamp(1795446881000000005n)).toBe('2026-11-23T15:14:41.000000005Z');
  });

  it('refuses what is not a timestamp', () => {
    expect(parseLogTimestamp('yesterday')).toBeUndefined();
    expect(parseLogTimestamp('2026-11-23 15:14:41')).toBeUndefined();
  });
});
