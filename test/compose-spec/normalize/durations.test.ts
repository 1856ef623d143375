import { describe, expect, it } from 'vitest';
import { formatDuration, normalizeDuration, parseDuration } from '../../../src/compose-spec/normalize/index.js';

describe('durations', () => {
  it('prints durations in Go time.Duration String form', () => {
    const cases: Array<[string, string]> = [
      ['90s', '1m30s'],
      ['1m30s', '1m30s'],
      ['500ms', '500ms'],
      ['1.5s', '1.5s'],
      ['1h', '1h0m0s'],
      ['2h45m', '2h45m0s'],
      ['0', '0s'],
      ['0s', '0s'],
      ['250us', '250µs'],
      ['1500ns', '1.5µs'],
      ['10ns', '10ns'],
      ['1d', '24h0m0s'],
      ['1w', '168h0m0s'],
      ['1.25m', '1m15s'],
      ['-5s', '-5s'],
    ];
    for (const [written, printed] of cases) expect(normalizeDuration(written, [])).toBe(printed);
  });

  it('reads nanoseconds exactly', () => {
    expect(parseDuration('1h2m3.004005006s')).toBe(3723004005006);
    expect(formatDuration(3723004005006)).toBe('1h2m3.004005006s');
  });

  it('refuses a number without a unit and text that is not a duration', () => {
    expect(() => normalizeDuration(10, ['services', 'web', 'stop_grace_period'])).toThrow(
      'services.web.stop_grace_period: missing unit in duration "10": expected a duration such as "30s", "1m30s" or "500ms"',
    );
    expect(() => normalizeDuration('soon', ['x'])).toThrow('x: invalid duration "soon"');
    expect(parseDuration('1x')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
