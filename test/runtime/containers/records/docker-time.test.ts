import { describe, expect, test } from 'vitest';
import { creationTime, newestFirst } from '../../../../src/runtime/containers/records/docker-time.js';

describe('container creation times', () => {
  test('containers created in one millisecond still get later and later times', () => {
    const times = Array.from({ length: 50 }, () => creationTime());
    expect([...times].sort(newestFirst)).toEqual([...times].reverse());
    expect(new Set(times).size).toBe(50);
  });

  test('they read as RFC3339Nano in UTC, as Docker writes them', () => {
    expect(creationTime()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });

  test('newest first compares fractions by value, not by the text left after dropping zeros', () => {
    expect(['2026-01-01T00:00:00.1Z', '2026-01-01T00:00:00.12Z', '2026-01-01T00:00:00Z'].sort(newestFirst)).toEqual([
      '2026-01-01T00:00:00.12Z',
      '2026-01-01T00:00:00.1Z',
      '2026-01-01T00:00:00Z',
    ]);
  });
});
