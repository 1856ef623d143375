import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contextTar } from '../../../src/build/context/index.js';
import { tempProject } from '../../helpers/temp-project.js';
import { tarContents } from './tar-contents.js';

const generatedName = /^\.dockerfile\.[0-9a-f]{20}$/u;

describe('the build context sent with POST /build', () => {
  test('holds what .dockerignore leaves in, with modes and links, owned by root, and the Dockerfile and .dockerignore always', async () => {
    const context = tempProject({
      Dockerfile: 'FROM scratch\nCOPY . /app\n',
      '.dockerignore': ['node_modules', '*.log', 'secrets/', '!secrets/public.pem', 'docs/*.md', '!docs/README.md', 'Dockerfile', '.dockerignore'].join('\n'),
      'src/index.js': 'console.log(1)\n',
      'src/run.sh': '#!/bin/sh\n',
      'node_modules/pkg/index.js': 'module.exports = 1\n',
      'app.log': 'noise\n',
      'secrets/key.pem': 'private\n',
      'secrets/public.pem': 'public\n',
      'docs/README.md': '# read me\n',
      'docs/guide.md': '# guide\n',
    });
    chmodSync(join(context, 'src/run.sh'), 0o755);
    chmodSync(join(context, 'src/index.js'), 0o640);
    symlinkSync('index.js', join(context, 'src/link'));
    symlinkSync('/etc/passwd', join(context, 'src/outside'));
    linkSync(join(context, 'src/index.js'), join(context, 'src/hard.js'));
    execFileSync('mkfifo', [join(context, 'src/pipe')]);

    const { tar, dockerfile } = await contextTar(context);
    const members = await tarContents(tar);

    expect(dockerfile).toBe('Dockerfile');
    expect([...members.keys()]).toEqual([
      '.dockerignore',
      'Dockerfile',
      'docs/',
      'docs/README.md',
      'secrets/',
      'secrets/public.pem',
      'src/',
      'src/hard.js',
      'src/index.js',
      'src/link',
      'src/outside',
      'src/run.sh',
    ]);
    expect(members.get('Dockerfile')?.body).toBe('FROM scratch\nCOPY . /app\n');
    expect(members.get('src/run.sh')?.mode).toBe(0o755);
    expect(members.get('src/hard.js')).toMatchObject({ type: 'File', mode: 0o640, body: 'console.log(1)\n' });
    expect(members.get('src/index.js')).toMatchObject({ type: 'Link', linkpath: 'src/hard.js' });
    expect(members.get('src/link')).toMatchObject({ type: 'SymbolicLink', linkpath: 'index.js' });
    expect(members.get('src/outside')).toMatchObject({ type: 'SymbolicLink', linkpath: '/etc/passwd' });
    for (const member of members.values()) expect([member.uid, member.gid]).toEqual([0, 0]);
  });

  test('sends a Dockerfile in an excluded directory, with the directory but nothing else in it', async () => {
    const context = tempProject({ '.dockerignore': 'build\n', 'build/Dockerfile': 'FROM scratch\n', 'build/notes.txt': 'x', 'main.go': 'package main\n' });
    const { tar, dockerfile } = await contextTar(context, { dockerfile: 'build/Dockerfile' });
    expect(dockerfile).toBe('build/Dockerfile');
    expect([...(await tarContents(tar)).keys()]).toEqual(['.dockerignore', 'build/', 'build/Dockerfile', 'main.go']);
  });

  test('walks excluded directories when an exception has a wildcard, sending the directories of what it puts back', async () => {
    const context = tempProject({ Dockerfile: 'FROM scratch\n', '.dockerignore': '*\n!**/*.go\n', 'cmd/app/main.go': 'package main\n', 'cmd/app/notes.txt': 'x', 'vendor/x.txt': 'x' });
    const { tar } = await contextTar(context);
    expect([...(await tarContents(tar)).keys()]).toEqual(['.dockerignore', 'Dockerfile', 'cmd/', 'cmd/app/', 'cmd/app/main.go']);
  });

  test('falls back to a lowercase dockerfile when there is no Dockerfile', async () => {
    const context = tempProject({ dockerfile: 'FROM scratch\n' });
    expect((await contextTar(context)).dockerfile).toBe('dockerfile');
  });

  test('adds a Dockerfile from outside the context under a generated name, which .dockerignore then excludes', async () => {
    const context = tempProject({ '.dockerignore': '*.tmp', 'app.js': 'x' });
    writeFileSync(join(dirname(context), 'Dockerfile'), 'FROM scratch\nCOPY app.js /\n');
    const { tar, dockerfile } = await contextTar(context, { dockerfile: '../Dockerfile' });
    const members = await tarContents(tar);
    expect(dockerfile).toMatch(generatedName);
    expect([...members.keys()]).toEqual(['app.js', dockerfile, '.dockerignore']);
    expect(members.get(dockerfile)).toMatchObject({ mode: 0o600, body: 'FROM scratch\nCOPY app.js /\n' });
    expect(members.get('.dockerignore')?.body).toBe(`*.tmp\n${dockerfile}\n`);
  });

  test('adds an inline Dockerfile under a generated name, with a .dockerignore that excludes both', async () => {
    const context = tempProject({ 'app.js': 'x' });
    const { tar, dockerfile } = await contextTar(context, { dockerfile: { inline: 'FROM scratch\n' } });
    const members = await tarContents(tar);
    expect(dockerfile).toMatch(generatedName);
    expect(members.get(dockerfile)?.body).toBe('FROM scratch\n');
    expect(members.get('.dockerignore')?.body).toBe(`.dockerignore\n${dockerfile}\n`);
  });

  test("applies the Dockerfile's own ignore file instead of the context's .dockerignore, and sends it", async () => {
    const context = tempProject({
      '.dockerignore': 'web/\n',
      'api.Dockerfile': 'FROM scratch\n',
      'api.Dockerfile.dockerignore': 'api/tests\n.dockerignore\n',
      'api/main.go': 'package main\n',
      'api/tests/main_test.go': 'package main\n',
      'web/index.html': '<p>',
    });
    const { tar, dockerfile } = await contextTar(context, { dockerfile: 'api.Dockerfile' });
    expect(dockerfile).toBe('api.Dockerfile');
    expect([...(await tarContents(tar)).keys()]).toEqual(['api/', 'api/main.go', 'api.Dockerfile', 'api.Dockerfile.dockerignore', 'web/', 'web/index.html']);
  });

  test("carries an outside Dockerfile's own ignore rules beside its generated name", async () => {
    const context = tempProject({ 'keep.txt': 'k', 'drop.txt': 'd' });
    const outside = join(dirname(context), 'docker');
    mkdirSync(outside);
    writeFileSync(join(outside, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(outside, 'Dockerfile.dockerignore'), 'drop.txt');
    const { tar, dockerfile } = await contextTar(context, { dockerfile: join(outside, 'Dockerfile') });
    const members = await tarContents(tar);
    expect([...members.keys()]).toEqual(['keep.txt', dockerfile, `${dockerfile}.dockerignore`]);
    expect(members.get(`${dockerfile}.dockerignore`)?.body).toBe(`drop.txt\n${dockerfile}\n${dockerfile}.dockerignore\n`);
  });

  test('says which Dockerfile it cannot find', async () => {
    const context = tempProject({ 'app.js': 'x' });
    await expect(contextTar(context, { dockerfile: 'prod.Dockerfile' })).rejects.toMatchObject({
      code: 'BUILD_DOCKERFILE_NOT_FOUND',
      message: 'unable to prepare context: Cannot locate specified Dockerfile: prod.Dockerfile',
    });
  });

  test('refuses a malformed .dockerignore before sending anything', async () => {
    const context = tempProject({ Dockerfile: 'FROM scratch\n', '.dockerignore': '*.log\n[oops\n' });
    await expect(contextTar(context)).rejects.toMatchObject({ code: 'BUILD_IGNORE_PATTERN_INVALID', message: '.dockerignore:2: syntax error in pattern "[oops"' });
  });

  test('says when the context directory does not exist', async () => {
    const context = tempProject({});
    await expect(contextTar(join(context, 'nope'))).rejects.toMatchObject({ code: 'BUILD_CONTEXT_NOT_FOUND' });
  });
});
