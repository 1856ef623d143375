import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../harness/fixture-images.js';
import { useBerthEngine } from '../harness/berth-engine.js';
import { describeAsRoot } from '../harness/root.js';

const run = promisify(execFile);

describeAsRoot('the build cache of berth\'s daemon', () => {
  const engine = useBerthEngine();
  const context = mkdtempSync(join(tmpdir(), 'berth-build-restart-'));
  afterAll(() => rmSync(context, { recursive: true, force: true }));

  async function build(): Promise<string> {
    const { stdout } = await run('docker', ['-H', `unix://${engine().setup.socketPath}`, 'build', '-t', 'restart-cache:1', context], {
      env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: join(context, '.docker'), DOCKER_CLI_HINTS: 'false' },
      timeout: 120_000,
    });
    return stdout;
  }

  it('is still there after the daemon restarts: a rebuild takes every step from it', async () => {
    const base = await ensureBusyboxImage(engine());
    writeFileSync(join(context, 'Dockerfile'), `FROM ${base}\nCOPY note.txt /note.txt\nRUN cat /note.txt > /copy.txt\nCMD ["cat", "/copy.txt"]\n`);
    writeFileSync(join(context, 'note.txt'), 'kept\n');
    const first = await build();
    expect(first).not.toContain('Using cache');

    process.kill(engine().daemon().pid, 'SIGTERM');
    await engine().daemon().exited;
    await engine().restartDaemon();

    const again = await build();
    expect(again.match(/ ---> Using cache/g)).toHaveLength(3);
  });
});
