import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { expectSuccess, interactiveProject } from './interactive-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

describe('berth exec', () => {
  test("prints the command's output", () => {
    const project = interactiveProject(engine(), 'ex-echo');
    expectSuccess(project.berth(['up', '-d']));

    const run = project.berth(['exec', '-T', 'web', 'echo', 'hi']);

    expect(run).toMatchObject({ status: 0, stdout: 'hi\n' });
  });

  test("exits with the command's exit code", () => {
    const project = interactiveProject(engine(), 'ex-code');
    expectSuccess(project.berth(['up', '-d']));

    expect(project.berth(['exec', '-T', 'web', 'sh', '-c', 'exit 7']).status).toBe(7);
  });

  test('gives options after the service to the command, and -e before it to the environment', () => {
    const project = interactiveProject(engine(), 'ex-args');
    expectSuccess(project.berth(['up', '-d']));

    const run = project.berth(['exec', '-T', '-e', 'GREETING=hello', 'web', 'sh', '-c', 'echo "$GREETING $0"', '-e']);

    expect(run).toMatchObject({ status: 0, stdout: 'hello -e\n' });
  });

  test('passes piped stdin to the command', () => {
    const project = interactiveProject(engine(), 'ex-stdin');
    expectSuccess(project.berth(['up', '-d']));

    expect(project.berth(['exec', '-T', 'web', 'cat'], { input: 'piped\n' })).toMatchObject({ status: 0, stdout: 'piped\n' });
  });

  test('fails as Compose does when the service has no running container', () => {
    const project = interactiveProject(engine(), 'ex-stopped');
    expectSuccess(project.berth(['up', '-d', 'db']));

    const run = project.berth(['exec', '-T', 'web', 'true']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('service "web" is not running');
  });
});
