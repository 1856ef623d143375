import { beforeAll, expect, test } from 'vitest';
import { EngineClient } from '../../../src/api/client/engine-client.js';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { describeAsRoot } from '../../harness/root.js';
import { expectSuccess, interactiveProject } from './interactive-project.js';

// Like every scenario under test/compose, this runs on the engine each vitest project names (Docker's, then berth's).
describeAsRoot('berth commit', { timeout: 60_000 }, () => {
  const engine = useTestEngine();

  beforeAll(async () => {
    await ensureBusyboxImage(engine());
  }, 120_000);

  test("makes an image of the service's container that a service of another project then runs", () => {
    const project = interactiveProject(engine(), `commit-${engine().name}`);
    expectSuccess(project.berth(['up', '-d', 'web']));
    expectSuccess(project.berth(['exec', '-T', 'web', 'sh', '-c', 'echo committed > /state.txt']));
    const reference = `commit-${engine().name}-snapshot:1`;

    const commit = expectSuccess(project.berth(['--progress', 'plain', 'commit', '-m', 'from compose', '-c', 'CMD ["cat","/state.txt"]', 'web', reference]));

    expect(commit.stdout).toBe('');
    expect(commit.stderr).toMatch(new RegExp(`^ Container commit-${engine().name}-web-1  Committing\\n Container commit-${engine().name}-web-1  Committed as sha256:[0-9a-f]{64}\\n$`));
    const user = interactiveProject(engine(), `commit-${engine().name}-user`, `services:\n  snapshot:\n    image: ${reference}\n`);
    expect(user.berth(['run', '--rm', 'snapshot'])).toMatchObject({ status: 0, stdout: 'committed\n' });
  });

  test('takes --pause=false, --index and --dry-run as Docker Compose does', async () => {
    const project = interactiveProject(engine(), `commit-${engine().name}-flags`);
    expectSuccess(project.berth(['up', '-d', 'web']));

    const unpaused = expectSuccess(project.berth(['--progress', 'plain', 'commit', '--pause=false', '--index', '1', 'web']));
    const dryRun = expectSuccess(project.berth(['--progress', 'plain', '--dry-run', 'commit', 'web', `commit-${engine().name}-never:1`]));

    expect(unpaused.stderr).toMatch(/Committed as sha256:[0-9a-f]{64}\n$/);
    expect(dryRun.stderr).toBe(` DRY-RUN MODE -  Container commit-${engine().name}-flags-web-1  Committing\n DRY-RUN MODE -  Container commit-${engine().name}-flags-web-1  Committed\n`);
    const client = await EngineClient.connect(engine().endpoint);
    try {
      expect(await client.images.list({ filters: { reference: [`commit-${engine().name}-never`] } })).toEqual([]);
    } finally {
      client.close();
    }
  });

  test('says which service is not running, as Docker Compose does', () => {
    const project = interactiveProject(engine(), `commit-${engine().name}-idle`);
    expectSuccess(project.berth(['create', 'db']));

    const commit = project.berth(['commit', 'db', `commit-${engine().name}-idle:1`]);

    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('service "db" is not running');
  });
});
