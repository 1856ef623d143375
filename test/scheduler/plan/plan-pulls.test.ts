import { describe, expect, it } from 'vitest';
import { planPulls, type PullOption } from '../../../src/scheduler/plan/plan-pulls.js';
import { planText } from '../../../src/scheduler/plan/plan-text.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { demoProject } from './plan-fixtures.js';

/** web and proxy share nginx; api is built and also tagged; tools is built only. */
const yaml = `services:
  web: {image: nginx}
  proxy: {image: nginx}
  db: {image: postgres}
  api: {image: registry.example/api:1, build: ./api}
`;

async function pulls(compose: string, present: string[], pull: PullOption): Promise<string> {
  const project = await demoProject(compose);
  return planText(planPulls(project, Object.keys(project.services), new Set(present), pull));
}

describe('planPulls', () => {
  it('pulls each missing image once, for the first service using it', async () => {
    expect(await pulls(yaml, ['postgres'], 'missing')).toBe(
      '#1 pull image registry.example/api:1 for api (not on the engine)\n' +
      '#2 pull image nginx for proxy (not on the engine)\n',
    );
  });

  it('pulls every image with --pull always, present or not', async () => {
    expect(await pulls(yaml, ['nginx', 'postgres', 'registry.example/api:1'], 'always')).toBe(
      '#1 pull image registry.example/api:1 for api (pull policy always)\n' +
      '#2 pull image postgres for db (pull policy always)\n' +
      '#3 pull image nginx for proxy (pull policy always)\n',
    );
  });

  it('pulls nothing with --pull never, even what is missing', async () => {
    expect(await pulls(yaml, [], 'never')).toBe('nothing to do\n');
  });

  it('follows each service\'s pull_policy when --pull is not given', async () => {
    const compose = `services:
  web: {image: nginx, pull_policy: always}
  db: {image: postgres, pull_policy: never}
  cache: {image: redis, pull_policy: if_not_present}
  queue: {image: rabbitmq}
`;
    expect(await pulls(compose, ['nginx', 'redis'], 'policy')).toBe(
      '#1 pull image rabbitmq for queue (not on the engine)\n' +
      '#2 pull image nginx for web (pull policy always)\n',
    );
  });

  it('pulls nothing for a service that must be built when its image is already there', async () => {
    expect(await pulls('services:\n  tools: {build: ./tools}\n', ['demo-tools'], 'always')).toBe('nothing to do\n');
  });

  it('refuses a service that must be built when its image is missing, naming each such service', async () => {
    const compose = `services:
  tools: {build: ./tools}
  worker: {image: worker:dev, build: ./worker, pull_policy: build}
  web: {image: nginx}
`;
    const project = await demoProject(compose);
    const error = berthErrorOf(() => planPulls(project, Object.keys(project.services), new Set(), 'policy'));
    expect(error).toMatchObject({
      code: 'IMAGE_NEEDS_BUILD',
      kind: 'not-found',
      message: 'services tools, worker must be built, and the images are not on the engine',
    });
    const single = berthErrorOf(() => planPulls(project, ['tools', 'web'], new Set(), 'missing'));
    expect(single.message).toBe('service tools must be built, and the image is not on the engine');
  });
});
