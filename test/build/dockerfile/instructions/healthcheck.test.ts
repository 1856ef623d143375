import { describe, expect, it } from 'vitest';
import { parseError, parsedAfterFrom } from '../parse-helpers.js';

describe('HEALTHCHECK', () => {
  it('reads CMD in the shell form with every option, durations in nanoseconds', () => {
    expect(parsedAfterFrom('HEALTHCHECK --interval=30s --timeout=1m30s --start-period=1.5s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1')).toEqual({
      keyword: 'HEALTHCHECK',
      check: {
        kind: 'cmd',
        command: { form: 'shell', command: 'curl -f http://localhost/ || exit 1' },
        intervalNs: 30e9,
        timeoutNs: 90e9,
        startPeriodNs: 1.5e9,
        startIntervalNs: 500e6,
        retries: 3,
      },
    });
  });

  it('reads CMD in the exec form, in any case, without options', () => {
    expect(parsedAfterFrom('HEALTHCHECK cmd ["pg_isready"]')).toEqual({ keyword: 'HEALTHCHECK', check: { kind: 'cmd', command: { form: 'exec', args: ['pg_isready'] } } });
  });

  it('reads NONE', () => {
    expect(parsedAfterFrom('HEALTHCHECK NONE')).toEqual({ keyword: 'HEALTHCHECK', check: { kind: 'none' } });
  });

  it('accepts a zero duration, which means the default', () => {
    expect(parsedAfterFrom('HEALTHCHECK --interval=0 CMD true')).toMatchObject({ check: { intervalNs: 0 } });
  });

  it('rejects arguments after NONE, an unknown type and a missing command', () => {
    expect(parseError('FROM alpine\nHEALTHCHECK NONE true\n').message).toBe('Dockerfile:2: HEALTHCHECK NONE takes no arguments');
    const type = parseError('FROM alpine\nHEALTHCHECK curl localhost\n');
    expect(type.message).toBe('Dockerfile:2: Unknown type "CURL" in HEALTHCHECK (try CMD)');
    expect(type.hint).toBe('write HEALTHCHECK CMD <command>');
    expect(parseError('FROM alpine\nHEALTHCHECK CMD\n').message).toBe('Dockerfile:2: Missing command after HEALTHCHECK CMD');
    expect(parseError('FROM alpine\nHEALTHCHECK CMD []\n').message).toBe('Dockerfile:2: Missing command after HEALTHCHECK CMD');
    expect(parseError('FROM alpine\nHEALTHCHECK\n').message).toBe('Dockerfile:2: HEALTHCHECK requires at least one argument');
  });

  it('rejects a duration without a unit, one below 1ms, and a bad retry count', () => {
    const duration = parseError('FROM alpine\nHEALTHCHECK --interval=30 CMD true\n');
    expect(duration.message).toBe('Dockerfile:2: invalid duration "30" for --interval');
    expect(duration.hint).toBe('write a duration with a unit, such as --interval=30s or --interval=1m30s');
    expect(parseError('FROM alpine\nHEALTHCHECK --timeout=1d CMD true\n').message).toBe('Dockerfile:2: invalid duration "1d" for --timeout');
    expect(parseError('FROM alpine\nHEALTHCHECK --timeout=500us CMD true\n').message).toBe('Dockerfile:2: --timeout cannot be less than 1ms');
    expect(parseError('FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n').message).toBe('Dockerfile:2: --retries cannot be negative (-1)');
    expect(parseError('FROM alpine\nHEALTHCHECK --retries=three CMD true\n').message).toBe('Dockerfile:2: invalid value "three" for --retries');
  });
});
