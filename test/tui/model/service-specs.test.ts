import { describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../../../src/compose-spec/index.js';
import { serviceSpecs } from '../../../src/tui/model/service-specs.js';
import { tempProject } from '../../helpers/temp-project.js';

async function demoProject(yaml: string): Promise<Project> {
  const directory = tempProject({ 'compose.yaml': yaml }, 'demo');
  return (await loadProject({ workingDir: directory, processEnv: {} })).project;
}

const stack = `services:
  web:
    image: nginx:1.25
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
  migrate:
    build: ./migrate
    depends_on: [db]
  db:
    image: postgres:15
  tools:
    image: busybox
`;

describe('serviceSpecs', () => {
  it('lists every service in start order with its image and depends_on conditions', async () => {
    const specs = serviceSpecs(await demoProject(stack), []);
    const order = specs.map((one) => one.name);
    expect(order.indexOf('db')).toBeLessThan(order.indexOf('migrate'));
    expect(order.indexOf('migrate')).toBeLessThan(order.indexOf('web'));
    expect(order).toContain('tools');
    expect(specs.find((one) => one.name === 'web')).toEqual({
      name: 'web',
      image: 'nginx:1.25',
      hasBuild: false,
      dependsOn: expect.arrayContaining([{ service: 'db', condition: 'service_healthy' }, { service: 'migrate', condition: 'service_completed_successfully' }]),
    });
  });

  it('names the image of a service that builds after the project and service', async () => {
    const migrate = serviceSpecs(await demoProject(stack), []).find((one) => one.name === 'migrate');
    expect(migrate).toMatchObject({ image: 'demo-migrate', hasBuild: true, dependsOn: [{ service: 'db', condition: 'service_started' }] });
  });

  it('lists the services named and what they depend on, not the others', async () => {
    const names = serviceSpecs(await demoProject(stack), ['migrate']).map((one) => one.name);
    expect(names).toEqual(['db', 'migrate']);
  });
});
