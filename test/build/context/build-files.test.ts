import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contextTar, removeBuildFiles, unpackContext } from '../../../src/build/context/index.js';
import { tempProject } from '../../helpers/temp-project.js';

async function sentAndReceived(files: Record<string, string>, dockerfile?: string | { inline: string }): Promise<{ directory: string; dockerfile: string }> {
  const context = tempProject(files);
  const received = join(dirname(context), 'received');
  mkdirSync(received);
  const sent = await contextTar(context, dockerfile === undefined ? {} : { dockerfile });
  await unpackContext(sent.tar, received);
  return { directory: received, dockerfile: sent.dockerfile };
}

describe('the build files on the daemon side', () => {
  test('removes the Dockerfile and .dockerignore once .dockerignore excludes them', async () => {
    const { directory, dockerfile } = await sentAndReceived({ Dockerfile: 'FROM scratch\n', '.dockerignore': 'Dockerfile\n.dockerignore\n', 'app.js': 'x' });
    await removeBuildFiles(directory, dockerfile);
    expect(['Dockerfile', '.dockerignore', 'app.js'].filter((name) => existsSync(join(directory, name)))).toEqual(['app.js']);
  });

  test('keeps them when .dockerignore does not exclude them', async () => {
    const { directory, dockerfile } = await sentAndReceived({ Dockerfile: 'FROM scratch\n', '.dockerignore': '*.log\n', 'app.js': 'x' });
    await removeBuildFiles(directory, dockerfile);
    expect(['Dockerfile', '.dockerignore', 'app.js'].filter((name) => existsSync(join(directory, name)))).toEqual(['Dockerfile', '.dockerignore', 'app.js']);
  });

  test('removes an inline Dockerfile and the .dockerignore made for it', async () => {
    const { directory, dockerfile } = await sentAndReceived({ 'app.js': 'x' }, { inline: 'FROM scratch\n' });
    await removeBuildFiles(directory, dockerfile);
    expect(existsSync(join(directory, dockerfile))).toBe(false);
    expect(existsSync(join(directory, '.dockerignore'))).toBe(false);
    expect(existsSync(join(directory, 'app.js'))).toBe(true);
  });

  test("follows the Dockerfile's own ignore file when the context has one", async () => {
    const { directory, dockerfile } = await sentAndReceived(
      { 'api.Dockerfile': 'FROM scratch\n', 'api.Dockerfile.dockerignore': 'api.Dockerfile\napi.Dockerfile.dockerignore\n', '.dockerignore': '*.log\n' },
      'api.Dockerfile',
    );
    await removeBuildFiles(directory, dockerfile);
    expect(['api.Dockerfile', 'api.Dockerfile.dockerignore', '.dockerignore'].filter((name) => existsSync(join(directory, name)))).toEqual(['.dockerignore']);
  });

  test('removes a link named like the Dockerfile, not what it leads to', async () => {
    const outside = tempProject({ 'precious.txt': 'keep' });
    const directory = tempProject({ '.dockerignore': 'Dockerfile\n' });
    symlinkSync(join(outside, 'precious.txt'), join(directory, 'Dockerfile'));
    await removeBuildFiles(directory, 'Dockerfile');
    expect(existsSync(join(outside, 'precious.txt'))).toBe(true);
    expect(existsSync(join(directory, 'Dockerfile'))).toBe(false);
  });

  test('keeps a dockerfile parameter with .. inside the context', async () => {
    const outside = tempProject({ Dockerfile: 'FROM scratch\n' });
    const directory = join(outside, 'context');
    mkdirSync(directory);
    writeFileSync(join(directory, '.dockerignore'), 'Dockerfile\n');
    await removeBuildFiles(directory, '../Dockerfile');
    expect(existsSync(join(outside, 'Dockerfile'))).toBe(true);
  });
});
