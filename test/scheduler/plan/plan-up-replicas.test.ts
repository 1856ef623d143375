import { describe, expect, it } from 'vitest';
import { demoProject, ObservedFixture, upPlan } from './plan-fixtures.js';

const yaml = `services:
  web:
    image: nginx
    scale: 3
    depends_on: [db]
  db:
    image: postgres
`;

describe('planUp with replicas', () => {
  it('adds the missing replicas after the existing ones when scaling up', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, ObservedFixture.upped(project).build(), { options: { scale: { web: 5 } } }).text).toBe(
      '#1 keep container demo-db-1 (up to date)\n' +
      '#2 wait for db started (depends_on) after #1\n' +
      '#3 keep container demo-web-1 (up to date)\n' +
      '#4 keep container demo-web-2 (up to date)\n' +
      '#5 keep container demo-web-3 (up to date)\n' +
      '#6 create container demo-web-4 (no container)\n' +
      '#7 start container demo-web-4 (created) after #2 #6\n' +
      '#8 create container demo-web-5 (no container)\n' +
      '#9 start container demo-web-5 (created) after #2 #8\n',
    );
  });

  it('removes the surplus highest number first when scaling down, stopping only what runs', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('web')
      .container('web', 1).container('web', 2, { state: 'exited' }).container('web', 3).build();
    expect(upPlan(project, observed, { options: { scale: { web: 1 } } }).text).toBe(
      '#1 keep container demo-db-1 (up to date)\n' +
      '#2 wait for db started (depends_on) after #1\n' +
      '#3 keep container demo-web-1 (up to date)\n' +
      '#4 stop container demo-web-3 (scaled to 1)\n' +
      '#5 remove container demo-web-3 (scaled to 1) after #4\n' +
      '#6 remove container demo-web-2 (scaled to 1)\n',
    );
  });

  it('keeps the container with the replica\'s own name when an interrupted run left two with one number', async () => {
    const project = await demoProject(yaml);
    // Compose names a replacement <short id>_<name> until the old container is gone.
    const observed = ObservedFixture.upped(project).container('db', 1, { name: '0a1b2c3d4e5f_demo-db-1' }).build();
    expect(upPlan(project, observed).text).toBe(
      '#1 keep container demo-db-1 (up to date)\n' +
      '#2 stop container 0a1b2c3d4e5f_demo-db-1 (duplicate of demo-db-1)\n' +
      '#3 remove container 0a1b2c3d4e5f_demo-db-1 (duplicate of demo-db-1) after #2\n' +
      '#4 wait for db started (depends_on) after #1\n' +
      '#5 keep container demo-web-1 (up to date)\n' +
      '#6 keep container demo-web-2 (up to date)\n' +
      '#7 keep container demo-web-3 (up to date)\n',
    );
  });

  it('recreates a changed replica under its own name while its duplicate is removed', async () => {
    const before = await demoProject(yaml);
    const after = await demoProject(yaml.replace('image: postgres', 'image: postgres:16'));
    const observed = ObservedFixture.upped(before).without('db')
      .container('db', 1, { name: 'cafe00000000_demo-db-1' }).container('db', 1, { state: 'exited' }).build();
    expect(upPlan(after, observed).text).toBe(
      '#1 recreate container demo-db-1 replacing demodb100000 (config changed)\n' +
      '#2 start container demo-db-1 (recreated) after #1\n' +
      '#3 stop container cafe00000000_demo-db-1 (duplicate of demo-db-1)\n' +
      '#4 remove container cafe00000000_demo-db-1 (duplicate of demo-db-1) after #3\n' +
      '#5 wait for db started (depends_on) after #2\n' +
      '#6 keep container demo-web-1 (up to date)\n' +
      '#7 keep container demo-web-2 (up to date)\n' +
      '#8 keep container demo-web-3 (up to date)\n',
    );
  });
});

describe('planUp with orphan containers', () => {
  const orphaned = async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project)
      .container('worker', 1).container('worker', 2, { state: 'exited' })
      .container('web', 1, { oneOff: true, name: 'demo-web-run-0123456789ab' })
      .build();
    return { project, observed };
  };

  it('warns about containers of services the files no longer define, and leaves them', async () => {
    const { project, observed } = await orphaned();
    const { text, warnings } = upPlan(project, observed);
    expect(text).not.toContain('worker');
    expect(warnings).toEqual([
      'Found orphan containers ([demo-worker-1 demo-worker-2]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.',
    ]);
  });

  it('removes them after the project\'s own steps with --remove-orphans, never touching one-off containers', async () => {
    const { project, observed } = await orphaned();
    const { text, warnings } = upPlan(project, observed, { options: { removeOrphans: true } });
    expect(text).toBe(
      '#1 keep container demo-db-1 (up to date)\n' +
      '#2 wait for db started (depends_on) after #1\n' +
      '#3 keep container demo-web-1 (up to date)\n' +
      '#4 keep container demo-web-2 (up to date)\n' +
      '#5 keep container demo-web-3 (up to date)\n' +
      '#6 stop container demo-worker-1 (orphan)\n' +
      '#7 remove container demo-worker-1 (orphan) after #6\n' +
      '#8 remove container demo-worker-2 (orphan)\n',
    );
    expect(warnings).toEqual([]);
  });

  it('does not count the containers of services that profiles switch off as orphans', async () => {
    const { project, observed } = await orphaned();
    const { text, warnings } = upPlan(project, observed, { disabledServices: ['worker'], options: { removeOrphans: true } });
    expect(text).not.toContain('worker');
    expect(warnings).toEqual([]);
  });
});
