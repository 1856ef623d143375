import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { handmadeTar } from './handmade-tar.js';
import { expectSuccess, interactiveProject } from './interactive-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

describe('berth cp', () => {
  test("a file copied into a service's container and back keeps its content", () => {
    const project = interactiveProject(engine(), 'cp-file', undefined, { 'note.txt': 'round trip\n' });
    expectSuccess(project.berth(['up', '-d', 'web']));

    expectSuccess(project.berth(['cp', 'note.txt', 'web:/tmp/']));
    expectSuccess(project.berth(['cp', 'web:/tmp/note.txt', 'back.txt']));

    expect(readFileSync(join(project.directory, 'back.txt'), 'utf8')).toBe('round trip\n');
  });

  test('a directory copied in and out keeps its tree', () => {
    const project = interactiveProject(engine(), 'cp-dir', undefined, { 'site/index.html': '<p>hi</p>\n', 'site/css/main.css': 'p {}\n' });
    expectSuccess(project.berth(['up', '-d', 'web']));

    expectSuccess(project.berth(['cp', 'site', 'web:/srv']));
    mkdirSync(join(project.directory, 'out'));
    expectSuccess(project.berth(['cp', 'web:/srv', 'out/copy']));

    expect(readFileSync(join(project.directory, 'out/copy/css/main.css'), 'utf8')).toBe('p {}\n');
    expect(project.berth(['exec', '-T', 'web', 'cat', '/srv/index.html']).stdout).toBe('<p>hi</p>\n');
  });

  test('a tar on stdin lands in the container, and - writes one to stdout', () => {
    const project = interactiveProject(engine(), 'cp-stdin');
    expectSuccess(project.berth(['up', '-d', 'web']));

    expectSuccess(project.berth(['cp', '-', 'web:/tmp'], { input: handmadeTar([{ name: 'piped.txt', body: 'via stdin\n' }]).toString('latin1') }));

    expect(project.berth(['exec', '-T', 'web', 'cat', '/tmp/piped.txt']).stdout).toBe('via stdin\n');
    expect(project.berth(['cp', 'web:/tmp/piped.txt', '-']).stdout).toContain('via stdin\n');
  });

  test('a tar on stdin with a member climbing out of the destination is refused whole', () => {
    const project = interactiveProject(engine(), 'cp-evil');
    expectSuccess(project.berth(['up', '-d', 'web']));
    const evil = handmadeTar([
      { name: 'harmless.txt', body: 'ok\n' },
      { name: '../evil', body: 'gotcha\n' },
    ]);

    const run = project.berth(['cp', '-', 'web:/tmp'], { input: evil.toString('latin1') });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('refusing the archive: member ../evil climbs out of the destination');
    expect(project.berth(['exec', '-T', 'web', 'ls', '/tmp', '/']).stdout).not.toMatch(/harmless|evil/);
  });

  test('refuses a local destination whose folder does not exist', () => {
    const project = interactiveProject(engine(), 'cp-nodir');
    expectSuccess(project.berth(['up', '-d', 'web']));

    const run = project.berth(['cp', 'web:/etc/hostname', 'missing/hostname']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does not exist');
  });
});
