import { describe, expect, it } from 'vitest';
import { durationNanoseconds, formatFileMode, formatGoDuration, formatGoFloat, sizeInBytes } from '../../../src/compose-spec/render/go-values.js';

describe('Go value forms', () => {
  it.each([
    ['0s', '0s'],
    ['90s', '1m30s'],
    ['1h', '1h0m0s'],
    ['1.5s', '1.5s'],
    ['500ms', '500ms'],
    ['2us', '2µs'],
    ['1d', '24h0m0s'],
    ['1m30s', '1m30s'],
  ])('the duration %s prints as %s', (written, printed) => {
    expect(formatGoDuration(durationNanoseconds(written)!)).toBe(printed);
  });

  it('rejects text that is not a duration', () => {
    expect(durationNanoseconds('10 seconds')).toBeUndefined();
  });

  it.each([
    ['512m', 536870912],
    ['1gb', 1073741824],
    ['100', 100],
    ['1.5k', 1536],
  ])('the size %s is %d bytes', (written, bytes) => {
    expect(sizeInBytes(written)).toBe(bytes);
  });

  it('prints file modes in octal', () => {
    expect(formatFileMode(0o440)).toBe('0440');
    expect(formatFileMode('0755')).toBe('0755');
  });

  it.each([
    [0.5, 32, '0.5'],
    [0.3, 32, '0.3'],
    [0.0001, 64, '0.0001'],
    [0.00001, 64, '1e-05'],
    [100000, 64, '100000'],
    [1000000, 64, '1e+06'],
    [1.25e7, 64, '1.25e+07'],
  ] as const)('the float %d (%d bits) prints as %s', (value, bits, printed) => {
    expect(formatGoFloat(value, bits)).toBe(printed);
  });
});
