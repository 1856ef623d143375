import { expect, test } from 'vitest';
import { useRegistry } from '../../harness/registry.js';
import { busybox, buildProject, expectSuccess, useBuildEngine } from './build-project.js';

const { engine, client } = useBuildEngine();
const registry = useRegistry();

test('build --push pushes the image it built to its registry', async () => {
  const image = `${registry().host}/berth/built:1`;
  const project = buildProject(engine(), client(), 'bld-push', {
    'compose.yaml': `services:\n  app:\n    build: .\n    image: ${image}\n`,
    Dockerfile: `FROM ${busybox}\nLABEL pushed=yes\n`,
  });

  const run = expectSuccess(project.berth(['build', '--push']));

  expect(run.stderr).toContain(`Image ${image}  Built`);
  expect(run.stderr).toContain(`Image ${image}  Pushed`);
  // Docker pushes a schema2 manifest, berth's engine may push an OCI one: the registry answers either when asked for both.
  const accept = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'].join(', ');
  const manifest = await fetch(`${registry().url}/v2/berth/built/manifests/1`, { headers: { accept } });
  expect(manifest.status).toBe(200);
});
