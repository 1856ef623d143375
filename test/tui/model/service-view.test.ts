import { describe, expect, it } from 'vitest';
import type { Replica } from '../../../src/tui/model/replica.js';
import { serviceViews, type ServiceSpec } from '../../../src/tui/model/service-view.js';
import { replica, spec } from '../tui-fixture.js';

function waitingOf(web: ServiceSpec, replicas: Record<string, Replica[]>): string[] {
  const views = serviceViews([web], new Map(Object.entries(replicas)), new Map());
  return views[0]!.waitingOn;
}

const onHealthyDb = spec('web', { dependsOn: [{ service: 'db', condition: 'service_healthy' }] });
const onStartedDb = spec('web', { dependsOn: [{ service: 'db', condition: 'service_started' }] });
const afterMigrate = spec('web', { dependsOn: [{ service: 'migrate', condition: 'service_completed_successfully' }] });

describe('serviceViews: what a service not yet started waits on', () => {
  it('waits on a dependency that must be healthy while it is only running or starting', () => {
    expect(waitingOf(onHealthyDb, { db: [] })).toEqual(['db (healthy)']);
    expect(waitingOf(onHealthyDb, { db: [replica('db-1', { state: 'starting' })] })).toEqual(['db (healthy)']);
    expect(waitingOf(onHealthyDb, { db: [replica('db-1', { state: 'unhealthy' })] })).toEqual(['db (healthy)']);
  });

  it('stops waiting once the dependency is healthy', () => {
    expect(waitingOf(onHealthyDb, { db: [replica('db-1', { state: 'healthy' })] })).toEqual([]);
  });

  it('waits on a dependency that must have started until it has a running container', () => {
    expect(waitingOf(onStartedDb, {})).toEqual(['db (started)']);
    expect(waitingOf(onStartedDb, { db: [replica('db-1', { state: 'created' })] })).toEqual(['db (started)']);
    expect(waitingOf(onStartedDb, { db: [replica('db-1', { state: 'running' })] })).toEqual([]);
  });

  it('waits on a job that must complete until it exits with 0', () => {
    expect(waitingOf(afterMigrate, { migrate: [replica('migrate-1', { state: 'running' })] })).toEqual(['migrate (completed)']);
    expect(waitingOf(afterMigrate, { migrate: [replica('migrate-1', { state: 'exited', exitCode: 1 })] })).toEqual(['migrate (completed)']);
    expect(waitingOf(afterMigrate, { migrate: [] })).toEqual(['migrate (completed)']);
    expect(waitingOf(afterMigrate, { migrate: [replica('migrate-1', { state: 'exited', exitCode: 0 })] })).toEqual([]);
  });

  it('lists every pending dependency and leaves out those met', () => {
    const web = spec('web', {
      dependsOn: [
        { service: 'db', condition: 'service_healthy' },
        { service: 'cache', condition: 'service_started' },
        { service: 'migrate', condition: 'service_completed_successfully' },
      ],
    });
    expect(waitingOf(web, { cache: [replica('cache-1')] })).toEqual(['db (healthy)', 'migrate (completed)']);
  });

  it('waits on nothing once the service itself has started, whatever its dependencies do', () => {
    expect(waitingOf(onHealthyDb, { web: [replica('web-1')], db: [replica('db-1', { state: 'unhealthy' })] })).toEqual([]);
  });

  it('still waits while its own container is only created', () => {
    expect(waitingOf(onHealthyDb, { web: [replica('web-1', { state: 'created' })] })).toEqual(['db (healthy)']);
  });
});

describe('serviceViews', () => {
  it('keeps the order of the specs, sorts replicas by number and carries the current step', () => {
    const views = serviceViews(
      [spec('db'), spec('web')],
      new Map([['web', [replica('web-2'), replica('web-1')]]]),
      new Map([['db', 'Pulling 12MB/40MB']]),
    );
    expect(views.map((view) => view.spec.name)).toEqual(['db', 'web']);
    expect(views[1]!.replicas.map((one) => one.name)).toEqual(['web-1', 'web-2']);
    expect(views[0]!.progress).toBe('Pulling 12MB/40MB');
    expect(views[1]).not.toHaveProperty('progress');
  });
});
