import { describe, expect, test } from 'vitest';
import { globRegExp, GlobSyntaxError, hasWildcards } from '../../../src/build/context/go-glob.js';

/** Go's own filepath.Match cases (path/filepath match_test.go), for Linux. */
const goMatchCases: Array<[pattern: string, name: string, matches: boolean]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['*x', 'xxx', true],
];

const goBadPatterns = ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'a\\'];

describe("Go's filepath.Match patterns", () => {
  test.each(goMatchCases)('%s against %s is %s, as in Go', (pattern, name, matches) => {
    expect(globRegExp(pattern).test(name)).toBe(matches);
  });

  test.each(goBadPatterns)('refuses the malformed pattern %s as Go does', (pattern) => {
    expect(() => globRegExp(pattern)).toThrow(GlobSyntaxError);
  });

  test('takes regular expression characters for themselves', () => {
    expect(globRegExp('a.|)$(}+{bc').test('a.|)$(}+{bc')).toBe(true);
    expect(globRegExp('^x$').test('^x$')).toBe(true);
    expect(globRegExp('abc.def').test('abcZdef')).toBe(false);
  });

  test('matches nothing for a range written backwards, without failing', () => {
    expect(globRegExp('a[z-b]').test('ac')).toBe(false);
    expect(globRegExp('a[^z-b]').test('ac')).toBe(true);
  });

  test('sees a wildcard only where one is not escaped', () => {
    expect(hasWildcards('src/*.js')).toBe(true);
    expect(hasWildcards('file?.txt')).toBe(true);
    expect(hasWildcards('[ab].txt')).toBe(true);
    expect(hasWildcards('plain/path.txt')).toBe(false);
    expect(hasWildcards('star\\*.txt')).toBe(false);
  });
});
