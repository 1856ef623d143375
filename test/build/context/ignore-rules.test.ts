import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { IgnoreRules, type ParentMatches } from '../../../src/build/context/index.js';

function rules(...lines: string[]): IgnoreRules {
  return IgnoreRules.parse(lines.join('\n'), '.dockerignore');
}

/** Whether a walk of the context leaves `path` out: each parent directory's matches handed down, as moby's archiver does. */
function walkExcludes(ignore: IgnoreRules, path: string): boolean {
  const parts = path.split('/');
  let parent: ParentMatches | undefined;
  let excluded = false;
  parts.forEach((_, index) => {
    const result = ignore.match(parts.slice(0, index + 1).join('/'), parent);
    parent = result.matches;
    excluded = result.excluded;
  });
  return excluded;
}

function excluded(ignore: IgnoreRules, paths: string[]): string[] {
  return paths.filter((path) => ignore.excludes(path));
}

describe(".dockerignore rules from Docker's documentation", () => {
  const documented = rules('# comment', '*/temp*', '*/*/temp*', 'temp?');

  test('ignores a comment line', () => {
    expect(documented.rules.map((rule) => rule.pattern)).toEqual(['*/temp*', '*/*/temp*', 'temp?']);
  });

  test('*/temp* leaves out what starts with temp one directory down', () => {
    expect(excluded(documented, ['somedir/temporary.txt', 'somedir/temp', 'somedir/temp/inside.txt', 'temporary.txt'])).toEqual([
      'somedir/temporary.txt',
      'somedir/temp',
      'somedir/temp/inside.txt',
    ]);
  });

  test('*/*/temp* leaves out what starts with temp two directories down', () => {
    expect(excluded(documented, ['somedir/subdir/temporary.txt', 'a/b/c/temporary.txt'])).toEqual(['somedir/subdir/temporary.txt']);
  });

  test('temp? leaves out temp and one character at the top only', () => {
    expect(excluded(rules('temp?'), ['tempa', 'tempb', 'temp', 'tempab', 'dir/tempa'])).toEqual(['tempa', 'tempb']);
  });

  test('**/*.go leaves out Go files in every directory, the top one too', () => {
    expect(excluded(rules('**/*.go'), ['main.go', 'cmd/app/main.go', 'go.mod', 'cmd/go.sum'])).toEqual(['main.go', 'cmd/app/main.go']);
  });

  test('an exception after a pattern puts a file back', () => {
    expect(excluded(rules('*.md', '!README.md'), ['CHANGES.md', 'README.md'])).toEqual(['CHANGES.md']);
  });

  test('the last matching line decides: a later pattern overrides an exception', () => {
    expect(excluded(rules('*.md', '!README*.md', 'README-secret.md'), ['README.md', 'README-secret.md', 'CHANGES.md'])).toEqual([
      'README-secret.md',
      'CHANGES.md',
    ]);
  });

  test('the last matching line decides: a later exception overrides a pattern', () => {
    expect(excluded(rules('*.md', 'README-secret.md', '!README*.md'), ['README.md', 'README-secret.md', 'CHANGES.md'])).toEqual(['CHANGES.md']);
  });

  test('* then exceptions names what to include rather than what to leave out', () => {
    expect(excluded(rules('*', '!src', '!package.json'), ['src/index.ts', 'package.json', 'node_modules/x/index.js', '.env'])).toEqual([
      'node_modules/x/index.js',
      '.env',
    ]);
  });

  test('a leading slash, ./ and .. are cleaned away as Go cleans paths', () => {
    const cleaned = rules('/foo/bar', './build/', 'a/../secrets', '! /keep/me');
    expect(cleaned.rules.map((rule) => `${rule.exception ? '!' : ''}${rule.pattern}`)).toEqual(['foo/bar', 'build', 'secrets', '!keep/me']);
    expect(excluded(cleaned, ['foo/bar', 'foo/bar/baz', 'x/foo/bar'])).toEqual(['foo/bar', 'foo/bar/baz']);
  });

  test('a matching directory leaves out everything in it', () => {
    expect(excluded(rules('node_modules', 'dist/'), ['node_modules/a/b.js', 'dist/app.js', 'src/node_modules/c.js'])).toEqual([
      'node_modules/a/b.js',
      'dist/app.js',
    ]);
  });

  test('an exception puts a file back inside an excluded directory', () => {
    expect(excluded(rules('docs', '!docs/README.md'), ['docs/README.md', 'docs/guide.md'])).toEqual(['docs/guide.md']);
  });

  test('reads Windows line ends, a byte order mark and spaces around patterns', () => {
    const read = IgnoreRules.parse('\uFEFF  *.log  \r\n\r\n!keep.log\r\n', '.dockerignore');
    expect(read.rules.map((rule) => [rule.pattern, rule.exception, rule.line])).toEqual([
      ['*.log', false, 1],
      ['keep.log', true, 3],
    ]);
  });

  test('treats # as a comment only at the start of a line', () => {
    expect(rules('  #not-a-comment').rules.map((rule) => rule.pattern)).toEqual(['#not-a-comment']);
  });

  test('never leaves out the context itself', () => {
    expect(rules('*', '.', '**').excludes('.')).toBe(false);
  });
});

describe('.dockerignore mistakes', () => {
  test('a bare ! is refused with the file and line', () => {
    expect(() => IgnoreRules.parse('*.log\n!\n', 'app/.dockerignore')).toThrow('app/.dockerignore:2: illegal exclusion pattern: "!"');
  });

  test('a malformed pattern is refused with the file and line', () => {
    try {
      IgnoreRules.parse('ok\n# fine\nbad[\n', '.dockerignore');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).message).toBe('.dockerignore:3: syntax error in pattern "bad["');
      expect((error as BerthError).kind).toBe('usage');
    }
  });
});

/** moby/patternmatcher's TestMatches table: [pattern, path, matches (exactly or through a parent)]. */
const mobyCases: Array<[string, string, boolean]> = [
  ['**', 'file', true],
  ['**', 'file/', true],
  ['**/', 'file', true],
  ['**/', 'file/', true],
  ['**', '/', true],
  ['**/', '/', true],
  ['**', 'dir/file', true],
  ['**/', 'dir/file', true],
  ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true],
  ['**/**', 'dir/file', true],
  ['**/**', 'dir/file/', true],
  ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true],
  ['dir/**', 'dir/dir2/file', true],
  ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true],
  ['**/dir', 'dir/file', true],
  ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file/', true],
  ['**file', 'file', true],
  ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true],
  ['**file', 'dir/dir/file', true],
  ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true],
  ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true],
  ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true],
  ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false],
  ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false],
  ['a[b-d]e', 'ace', true],
  ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true],
  ['.*', 'foo', false],
  ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false],
  ['abc?def', 'abcZdef', true],
  ['abc?def', 'abcdef', false],
  ['**/foo/bar', 'foo/bar', true],
  ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true],
  ['abc/**', 'abc', false],
  ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true],
  ['**/.foo', '.foo', true],
  ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true],
  ['a(b)c/def', 'a(b)c/xyz', false],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  ['a\\\\', 'a\\', true],
  ['a\\*b', 'a*b', true],
  // From Go's filepath.Match tests, as patternmatcher matches them (a parent directory counts).
  ['a*', 'ab/c', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
];

const mobyMultiPatternCases: Array<[string[], string, boolean]> = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  [['docs', '!docs/README.md'], 'docs/README.md', false],
  [['docs/', '!docs/README.md'], 'docs/README.md', false],
  [['docs/*', '!docs/README.md'], 'docs/README.md', false],
  [['*.go', '!fileutils.go'], 'fileutils.go', false],
  [['!fileutils.go', '*.go'], 'fileutils.go', true],
];

describe("moby/patternmatcher's own cases", () => {
  test.each(mobyCases)('%s against %s is %s', (pattern, path, matches) => {
    const ignore = rules(pattern);
    expect(ignore.excludes(path)).toBe(matches);
    expect(walkExcludes(ignore, path.replace(/\/+$/u, '') || '/')).toBe(matches);
  });

  test.each(mobyMultiPatternCases)('%j against %s is %s', (patterns, path, matches) => {
    expect(rules(...patterns).excludes(path)).toBe(matches);
    expect(walkExcludes(rules(...patterns), path)).toBe(matches);
  });

  test("a walk keeps the shortcut of moby's MatchesUsingParentResults: a pattern not tried for a directory does not count for its children", () => {
    const quirk = rules('a/b', '!a', 'a/b/c');
    expect(walkExcludes(quirk, 'a/b/x')).toBe(true);
    expect(quirk.excludes('a/b/x')).toBe(false);
  });
});

describe('walking into excluded directories', () => {
  test('skips an excluded directory when there is no exception', () => {
    expect(rules('node_modules').mayReinclude('node_modules')).toBe(false);
  });

  test('walks an excluded directory an exception names a path under', () => {
    const ignore = rules('docs', '!docs/README.md', '!other/*');
    expect(ignore.mayReinclude('docs')).toBe(true);
    expect(ignore.mayReinclude('other')).toBe(true);
    expect(ignore.mayReinclude('build')).toBe(false);
  });

  test('walks every excluded directory once an exception has a wildcard, as BuildKit does', () => {
    expect(rules('*', '!**/*.go').mayReinclude('vendor')).toBe(true);
  });
});
