import { describe, expect, it } from 'vitest';
import { compareApiVersions, negotiateApiVersion } from '../../../src/api/client/api-version.js';

describe('negotiateApiVersion', () => {
  it("speaks berth's 1.41 to a newer engine", () => {
    expect(negotiateApiVersion('1.45')).toBe('1.41');
  });

  it("speaks an older engine's own version", () => {
    expect(negotiateApiVersion('1.40')).toBe('1.40');
  });

  it('compares versions as numbers, not text', () => {
    expect(negotiateApiVersion('1.9', '1.41')).toBe('1.9');
    expect(compareApiVersions('1.100', '1.41')).toBeGreaterThan(0);
  });

  it('assumes 1.24 when the engine names no version, as Docker clients do', () => {
    expect(negotiateApiVersion(undefined)).toBe('1.24');
  });

  it('honours a lower maximum chosen by the caller', () => {
    expect(negotiateApiVersion('1.41', '1.30')).toBe('1.30');
  });

  it('refuses a malformed maximum as a usage error', () => {
    expect(() => negotiateApiVersion('1.41', 'v1')).toThrow(expect.objectContaining({ kind: 'usage', message: 'invalid API version "v1"' }));
  });
});
