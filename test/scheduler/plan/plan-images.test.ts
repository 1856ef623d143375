import { describe, expect, it } from 'vitest';
import { planImages, type BuildOption, type PullOption } from '../../../src/scheduler/plan/plan-images.js';
import { planText } from '../../../src/scheduler/plan/plan-text.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { demoProject } from './plan-fixtures.js';

/** web and proxy share nginx; api is built and also tagged; tools is built only. */
const yaml = `services:
  web: {image: nginx}
  proxy: {image: nginx}
  db: {image: postgres}
  api: {image: registry.example/api:1, build: ./api}
  tools: {build: ./tools}
`;

async function images(compose: string, present: string[], pull: PullOption, build?: BuildOption): Promise<string> {
  const project = await demoProject(compose);
  return planText(planImages(project, Object.keys(project.services), new Set(present), { pull, build }));
}

describe('planImages: pulls', () => {
  it('pulls each missing image once, for the first service using it', async () => {
    expect(await images('services:\n  web: {image: nginx}\n  proxy: {image: nginx}\n  db: {image: postgres}\n', ['postgres'], 'missing')).toBe(
      '#1 pull image nginx for proxy (not on the engine)\n',
    );
  });

  it('pulls every image with --pull always, present or not', async () => {
    expect(await images('services:\n  web: {image: nginx}\n  db: {image: postgres}\n', ['nginx', 'postgres'], 'always')).toBe(
      '#1 pull image postgres for db (pull policy always)\n' +
      '#2 pull image nginx for web (pull policy always)\n',
    );
  });

  it('pulls nothing with --pull never, even what is missing', async () => {
    expect(await images('services:\n  web: {image: nginx}\n', [], 'never')).toBe('nothing to do\n');
  });

  it("follows each service's pull_policy when --pull is not given", async () => {
    const compose = `services:
  web: {image: nginx, pull_policy: always}
  db: {image: postgres, pull_policy: never}
  cache: {image: redis, pull_policy: if_not_present}
  queue: {image: rabbitmq}
`;
    expect(await images(compose, ['nginx', 'redis'], 'policy')).toBe(
      '#1 pull image rabbitmq for queue (not on the engine)\n' +
      '#2 pull image nginx for web (pull policy always)\n',
    );
  });
});

describe('planImages: builds', () => {
  it('builds a missing image that only a build makes, and pulls then builds one that has an image: too', async () => {
    expect(await images(yaml, ['postgres'], 'policy')).toBe(
      '#1 pull image registry.example/api:1 for api (not on the engine; can be built)\n' +
      '#2 build image registry.example/api:1 for api unless the pull made it (not on the engine) after #1\n' +
      '#3 build image demo-tools for tools (not on the engine)\n' +
      '#4 pull image nginx for proxy (not on the engine)\n',
    );
  });

  it('builds nothing whose image is already there', async () => {
    expect(await images(yaml, ['nginx', 'postgres', 'registry.example/api:1', 'demo-tools'], 'policy')).toBe('nothing to do\n');
    expect(await images('services:\n  tools: {build: ./tools}\n', ['demo-tools'], 'always')).toBe('nothing to do\n');
  });

  it('builds every buildable service with --build, present or not, and pulls nothing for them', async () => {
    expect(await images(yaml, ['nginx', 'postgres', 'registry.example/api:1', 'demo-tools'], 'policy', 'always')).toBe(
      '#1 build image registry.example/api:1 for api (--build)\n' +
      '#2 build image demo-tools for tools (--build)\n',
    );
  });

  it('always builds a service whose pull_policy is build', async () => {
    const compose = 'services:\n  worker: {image: worker:dev, build: ./worker, pull_policy: build}\n';
    expect(await images(compose, ['worker:dev'], 'policy')).toBe('#1 build image worker:dev for worker (pull policy build)\n');
  });

  it('builds a missing image with pull_policy never instead of pulling it', async () => {
    const compose = 'services:\n  worker: {image: worker:dev, build: ./worker, pull_policy: never}\n';
    expect(await images(compose, [], 'policy')).toBe('#1 build image worker:dev for worker (not on the engine)\n');
  });

  it('pulls always-pulled images of buildable services too, with the build as the fallback', async () => {
    const compose = 'services:\n  api: {image: registry.example/api:1, build: ./api, pull_policy: always}\n';
    expect(await images(compose, ['registry.example/api:1'], 'policy')).toBe(
      '#1 pull image registry.example/api:1 for api (pull policy always; can be built)\n' +
      '#2 build image registry.example/api:1 for api unless the pull made it (pull policy always) after #1\n',
    );
  });

  it('builds an image two services share once, and does not pull it for the one without build', async () => {
    const compose = 'services:\n  app: {image: shared:1}\n  builder: {image: shared:1, build: ., pull_policy: never}\n';
    expect(await images(compose, [], 'policy')).toBe('#1 build image shared:1 for builder (not on the engine)\n');
  });

  it('with --no-build pulls what it can and refuses, naming each service, what only a build makes', async () => {
    const compose = `services:
  tools: {build: ./tools}
  worker: {image: worker:dev, build: ./worker, pull_policy: build}
  api: {image: registry.example/api:1, build: ./api}
  web: {image: nginx}
`;
    const project = await demoProject(compose);
    const error = berthErrorOf(() => planImages(project, Object.keys(project.services), new Set(), { pull: 'policy', build: 'never' }));
    expect(error).toMatchObject({
      code: 'IMAGE_NEEDS_BUILD',
      kind: 'not-found',
      message: 'services tools, worker must be built, and the images are not on the engine',
      hint: 'drop --no-build so that berth builds them, or build first: berth build tools worker',
    });
    const pulls = planImages(project, ['api', 'web'], new Set(), { pull: 'policy', build: 'never' });
    expect(planText(pulls)).toBe(
      '#1 pull image registry.example/api:1 for api (not on the engine)\n' +
      '#2 pull image nginx for web (not on the engine)\n',
    );
    const single = berthErrorOf(() => planImages(project, ['tools', 'web'], new Set(), { pull: 'missing', build: 'never' }));
    expect(single.message).toBe('service tools must be built, and the image is not on the engine');
  });
});
