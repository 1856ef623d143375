import { expect, test } from 'vitest';
import { busybox, buildProject, expectSuccess, useBuildEngine } from './build-project.js';

const { engine, client } = useBuildEngine();

const files = {
  'compose.yaml': 'services:\n  web:\n    build: .\n',
  Dockerfile: `FROM ${busybox}\nRUN echo built > /built\nCMD ["cat", "/built"]\n`,
};

test('builder prune makes the next build run every step again', async () => {
  const project = buildProject(engine(), client(), 'bld-prune', files);
  expectSuccess(project.berth(['build']));
  const cached = project.berth(['build']);
  expectSuccess(cached);
  expect(cached.stderr).toContain('Using cache');

  const pruned = project.berth(['builder', 'prune', '-f']);
  expectSuccess(pruned);
  expect(pruned.stdout).toMatch(/Total reclaimed space/);

  const again = project.berth(['build']);
  expectSuccess(again);
  // Docker's classic builder keeps its cache in its images, which BuildKit's prune does not touch.
  if (engine().name === 'berth') expect(again.stderr).not.toContain('Using cache');
  else expect(again.stderr).toContain('Using cache');
});
