import { describe, expect, it } from 'vitest';
import { scalarStyle } from '../../../src/compose-spec/render/yaml-scalar.js';

describe('scalarStyle (yaml.v3 string quoting)', () => {
  it.each([
    ['nginx:1.27', 'plain'],
    ['02:42:ac:11:65:43', 'plain'],
    ['echo "hello world"', 'plain'],
    ["it's", 'plain'],
    ['a{b}', 'plain'],
    ['8080', 'double'],
    ['0x1F', 'double'],
    ['1_000', 'double'],
    ['1.5e3', 'double'],
    ['true', 'double'],
    ['off', 'double'],
    ['~', 'double'],
    ['', 'double'],
    ['2024-01-31', 'double'],
    ['1:30', 'double'],
    ['*', 'single'],
    ['- item', 'single'],
    ['key: value', 'single'],
    ['a #comment', 'single'],
    ['trailing ', 'single'],
    ['tab\there', 'double'],
    ['line1\nline2', 'literal'],
    ['trailing space \nline2', 'double'],
  ])('%j is written %s', (value, style) => {
    expect(scalarStyle(value, false)).toBe(style);
  });

  it('double-quotes a multi-line map key instead of a literal block', () => {
    expect(scalarStyle('a\nb', true)).toBe('double');
  });
});
