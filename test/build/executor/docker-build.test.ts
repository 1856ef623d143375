import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { runToExit } from '../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../../api/server/api-server-fixture.js';
import { tempProject as project } from '../../helpers/temp-project.js';

describeAsRoot('docker build (classic builder) against berth\'s engine', () => {
  const server = useApiServer();

  async function build(directory: string, ...args: string[]) {
    return server.docker(['build', ...args, directory], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 });
  }

  test('builds an image whose RUN, COPY and CMD are what the container shows', async () => {
    const base = await server.engine.image('busybox');
    const directory = project({
      Dockerfile: `FROM ${base}\nENV GREETING=hello\nWORKDIR /app\nCOPY note.txt .\nRUN echo "$GREETING from run" > ran.txt\nCMD ["sh", "-c", "cat /app/note.txt /app/ran.txt; pwd"]\n`,
      'note.txt': 'from the context\n',
    });
    const built = await build(directory, '-t', 'smoke:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toMatch(/Step 1\/6 : FROM/);
    expect(built.stdout).toMatch(/Successfully tagged smoke:1/);
    const { log } = await runToExit(server.parts().containers, { Image: 'smoke:1' });
    expect(log).toBe('from the context\nhello from run\n/app\n');
  });

  test('COPY onto scratch gives an image with the file and no command of the builder\'s own', async () => {
    const directory = project({ Dockerfile: 'FROM scratch\nCOPY note.txt /note.txt\n', 'note.txt': 'alone\n' });
    const built = await build(directory, '-t', 'from-scratch:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    const inspected = await server.docker(['image', 'inspect', 'from-scratch:1', '--format', '{{json .Config.Cmd}} {{len .RootFS.Layers}}']);
    expect(inspected.stdout.trim()).toBe('null 1');
    const saved = await server.docker(['create', '--name', 'scratch-probe', 'from-scratch:1', 'x']);
    expect(saved.exitCode, saved.stderr).toBe(0);
    const copied = await server.docker(['cp', 'scratch-probe:/note.txt', '-']);
    expect(copied.stdout).toContain('alone\n');
    await server.docker(['rm', 'scratch-probe']);
  });
});
