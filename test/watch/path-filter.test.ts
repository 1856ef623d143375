import { describe, expect, test } from 'vitest';
import { IgnoreRules } from '../../src/build/context/index.js';
import { pathFilter } from '../../src/watch/path-filter.js';

const root = '/project/site';

describe('a watch rule on a directory', () => {
  const filter = pathFilter({ root, ignore: ['*.tmp', 'drafts/', '!drafts/keep.html'], include: [] });

  test('takes files under its path and nothing outside it', () => {
    expect(filter.accepts('/project/site/index.html')).toBe(true);
    expect(filter.accepts('/project/site/a/b/c.css')).toBe(true);
    expect(filter.accepts('/project/other/index.html')).toBe(false);
    expect(filter.accepts('/project/site-2/index.html')).toBe(false);
  });

  test('leaves out its ignore patterns, relative to its path, with exceptions put back', () => {
    expect(filter.accepts('/project/site/notes.tmp')).toBe(false);
    expect(filter.accepts('/project/site/drafts/one.html')).toBe(false);
    expect(filter.accepts('/project/site/drafts/keep.html')).toBe(true);
  });

  test('leaves out .git and editor swap, backup and lock files', () => {
    for (const path of ['.git/HEAD', 'a/.git/config', '.index.html.swp', '.x.swx', '4913', 'index.html~', '.#index.html', '#index.html#', 'index.html___jb_tmp___', '.DS_Store']) {
      expect(filter.accepts(`${root}/${path}`), path).toBe(false);
    }
  });

  test('skips watching a directory only when nothing in it can count', () => {
    expect(filter.skipsDirectory('/project/site/.git')).toBe(true);
    expect(filter.skipsDirectory('/project/site/src')).toBe(false);
    // drafts/ is ignored, but drafts/keep.html is put back: it must still be watched.
    expect(filter.skipsDirectory('/project/site/drafts')).toBe(false);
    expect(pathFilter({ root, ignore: ['node_modules'], include: [] }).skipsDirectory('/project/site/node_modules')).toBe(true);
  });
});

describe('a watch rule with include patterns', () => {
  const filter = pathFilter({ root, ignore: [], include: ['*.js', 'lib/**/*.mjs'] });

  test('takes only the files they match', () => {
    expect(filter.accepts('/project/site/app.js')).toBe(true);
    expect(filter.accepts('/project/site/lib/deep/util.mjs')).toBe(true);
    expect(filter.accepts('/project/site/app.css')).toBe(false);
  });

  test('still watches directories, whose files may match', () => {
    expect(filter.skipsDirectory('/project/site/lib')).toBe(false);
  });
});

describe('a watch rule inside a build context', () => {
  const context = { directory: '/project', rules: IgnoreRules.parse('site/secret.txt\n**/*.log\n', '.dockerignore') };
  const filter = pathFilter({ root, ignore: [], include: [], context });

  test("leaves out what the context's .dockerignore leaves out", () => {
    expect(filter.accepts('/project/site/secret.txt')).toBe(false);
    expect(filter.accepts('/project/site/debug.log')).toBe(false);
    expect(filter.accepts('/project/site/index.html')).toBe(true);
  });
});

describe('a watch rule on one file', () => {
  const filter = pathFilter({ root: '/project/package.json', ignore: ['*.json'], include: ['*.js'] });

  test('takes that file whatever its patterns say', () => {
    expect(filter.accepts('/project/package.json')).toBe(true);
    expect(filter.accepts('/project/package-lock.json')).toBe(false);
  });
});
