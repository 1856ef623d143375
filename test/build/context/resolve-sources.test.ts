import { mkdirSync, symlinkSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IgnoreRules, resolveSources } from '../../../src/build/context/index.js';
import { tempProject } from '../../helpers/temp-project.js';

function context(): string {
  return realpathSync(
    tempProject({
      'app.js': 'app',
      'package.json': '{}',
      'src/a.js': 'a',
      'src/b.js': 'b',
      'src/readme.md': 'r',
      'src/lib/deep.js': 'd',
      'web/config.json': '{}',
      'api/config.json': '{}',
      'file1.txt': '1',
      'file2.txt': '2',
      'file10.txt': '10',
      'etc/passwd': 'the context own passwd',
      'secret.env': 'TOKEN=1',
    }),
  );
}

async function paths(directory: string, sources: string[], ignore?: IgnoreRules): Promise<string[]> {
  return (await resolveSources(directory, sources, ignore)).map((source) => source.path);
}

describe('COPY sources in the build context', () => {
  test('names a file or directory of the context, and the context itself with .', async () => {
    const directory = context();
    const [app, src, root] = await resolveSources(directory, ['app.js', 'src/', '.']);
    expect(app).toMatchObject({ path: 'app.js', hostPath: join(directory, 'app.js'), resolved: 'app.js' });
    expect(src?.stats.isDirectory()).toBe(true);
    expect(root).toMatchObject({ path: '.', hostPath: directory, resolved: '.' });
  });

  test('keeps .. and a leading / inside the context, as Docker resolves them from its root', async () => {
    const directory = context();
    expect(await paths(directory, ['../app.js', '/package.json', 'src/../../../web/config.json'])).toEqual(['app.js', 'package.json', 'web/config.json']);
  });

  test('expands * within one directory level, in name order', async () => {
    expect(await paths(context(), ['src/*.js'])).toEqual(['src/a.js', 'src/b.js']);
  });

  test('expands a wildcard in a directory name', async () => {
    expect(await paths(context(), ['*/config.json'])).toEqual(['api/config.json', 'web/config.json']);
  });

  test('expands ? as one character and [...] as a class', async () => {
    expect(await paths(context(), ['file?.txt'])).toEqual(['file1.txt', 'file2.txt']);
    expect(await paths(context(), ['file[0-1]*.txt'])).toEqual(['file1.txt', 'file10.txt']);
  });

  test('keeps the order of the sources, each expanded', async () => {
    expect(await paths(context(), ['package.json', 'src/*.md', 'app.js'])).toEqual(['package.json', 'src/readme.md', 'app.js']);
  });

  test("fails with BuildKit's words when a source names nothing", async () => {
    await expect(resolveSources(context(), ['app.js', 'nope.js'])).rejects.toMatchObject({
      code: 'BUILD_SOURCE_NOT_FOUND',
      message: 'failed to compute cache key: "/nope.js": not found',
    });
    await expect(resolveSources(context(), ['../nope'])).rejects.toThrow('"/nope": not found');
  });

  test('fails when a wildcard matches nothing', async () => {
    await expect(resolveSources(context(), ['src/*.ts'])).rejects.toThrow('failed to compute cache key: "/src/*.ts": not found');
  });

  test('refuses a malformed wildcard', async () => {
    await expect(resolveSources(context(), ['src/[a.js'])).rejects.toMatchObject({ code: 'BUILD_SOURCE_PATTERN_INVALID' });
  });

  test('follows a link to an absolute path inside the context, never outside it', async () => {
    const directory = context();
    symlinkSync('/etc/passwd', join(directory, 'passwd-link'));
    symlinkSync('../../../../../../etc/passwd', join(directory, 'src/climbing-link'));
    const sources = await resolveSources(directory, ['passwd-link', 'src/climbing-link']);
    expect(sources.map((source) => [source.path, source.hostPath])).toEqual([
      ['passwd-link', join(directory, 'etc/passwd')],
      ['src/climbing-link', join(directory, 'etc/passwd')],
    ]);
  });

  test('finds nothing behind a link whose target the context does not have', async () => {
    const directory = context();
    symlinkSync('/etc/hostname', join(directory, 'hostname'));
    await expect(resolveSources(directory, ['hostname'])).rejects.toThrow('"/hostname": not found');
  });

  test('follows links in the literal part of a wildcard source, not in the part it expands', async () => {
    const directory = context();
    symlinkSync('src', join(directory, 'code'));
    mkdirSync(join(directory, 'more'));
    symlinkSync('../src', join(directory, 'more/linked'));
    expect(await paths(directory, ['code/*.js'])).toEqual(['code/a.js', 'code/b.js']);
    await expect(resolveSources(directory, ['more/*/a.js'])).rejects.toThrow('not found');
  });

  test('does not see what the ignore rules leave out', async () => {
    const ignore = IgnoreRules.parse('*.env\nsrc/b.js\n', '.dockerignore');
    await expect(resolveSources(context(), ['secret.env'], ignore)).rejects.toThrow('"/secret.env": not found');
    expect(await paths(context(), ['src/*.js'], ignore)).toEqual(['src/a.js']);
  });
});
