import { describe, expect, test } from 'vitest';
import { relativeInside } from '../../src/files/relative-inside.js';

describe('a path relative to a directory it may lie in', () => {
  test('is the slash-separated rest for a path inside, and empty for the directory itself', () => {
    expect(relativeInside('/project/site', '/project/site/a/b.html')).toBe('a/b.html');
    expect(relativeInside('/project/site', '/project/site')).toBe('');
  });

  test('is undefined for a path outside, a sibling with the same prefix included', () => {
    expect(relativeInside('/project/site', '/project/other/a.html')).toBeUndefined();
    expect(relativeInside('/project/site', '/project/site-old/a.html')).toBeUndefined();
    expect(relativeInside('/project/site', '/project')).toBeUndefined();
  });

  test('takes a name that only starts with two dots as inside', () => {
    expect(relativeInside('/project/site', '/project/site/..cache/x')).toBe('..cache/x');
  });
});
