import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/scheduler/index.js';
import { ingestProgress, serviceOfContainer } from '../../../src/tui/model/progress-ingest.js';
import { makeStore, spec } from '../tui-fixture.js';

function event(kind: ProgressEvent['kind'], name: string, status: ProgressEvent['status'], done: boolean, detail?: string): ProgressEvent {
  return { kind, name, status, done, time: 1_000, ...(detail !== undefined && { detail }) };
}

function stateWith(...events: ProgressEvent[]) {
  const store = makeStore({
    mode: 'up',
    specs: [spec('db', { image: 'postgres:15' }), spec('replica', { image: 'postgres:15' }), spec('web', { image: 'nginx:1.25' })],
  });
  for (const one of events) ingestProgress(store.state, one);
  return store.state;
}

describe('ingestProgress', () => {
  it("puts a container's step on its service's row, not in the progress panel", () => {
    const state = stateWith(event('Container', 'demo-web-1', 'Creating', false));
    expect(state.serviceProgress.get('web')).toBe('Creating');
    expect(state.progress.size).toBe(0);
  });

  it("clears the service's step when the container's step is done", () => {
    const state = stateWith(event('Container', 'demo-web-1', 'Starting', false), event('Container', 'demo-web-1', 'Started', true));
    expect(state.serviceProgress.has('web')).toBe(false);
  });

  it('puts the detail after the status, as a pull shows its bytes', () => {
    const state = stateWith(event('Container', 'demo-db-1', 'Waiting', false, 'for db'));
    expect(state.serviceProgress.get('db')).toBe('Waiting for db');
  });

  it('ignores a container that is not one of the services', () => {
    const state = stateWith(event('Container', 'other-web-1', 'Creating', false), event('Container', 'demo-debug-run-1', 'Creating', false));
    expect(state.serviceProgress.size).toBe(0);
    expect(state.progress.size).toBe(0);
  });

  it('shows an image pull on every service that uses the image, and in the progress panel', () => {
    const state = stateWith(event('Image', 'postgres:15', 'Pulling', false, '12.3MB/40MB'));
    expect(state.serviceProgress.get('db')).toBe('Pulling 12.3MB/40MB');
    expect(state.serviceProgress.get('replica')).toBe('Pulling 12.3MB/40MB');
    expect(state.serviceProgress.has('web')).toBe(false);
    expect(state.progress.get('Image postgres:15')).toEqual({ resource: 'Image postgres:15', status: 'Pulling', detail: '12.3MB/40MB', done: false, failed: false });
  });

  it('clears the services once the pull is done and marks the progress line done', () => {
    const state = stateWith(event('Image', 'postgres:15', 'Pulling', false, '1MB/40MB'), event('Image', 'postgres:15', 'Pulled', true));
    expect(state.serviceProgress.size).toBe(0);
    expect(state.progress.get('Image postgres:15')).toMatchObject({ status: 'Pulled', done: true, failed: false });
  });

  it('keeps a network or volume step in the progress panel, newest step last', () => {
    const state = stateWith(event('Network', 'demo_default', 'Creating', false), event('Volume', 'demo_data', 'Creating', false), event('Network', 'demo_default', 'Created', true));
    expect([...state.progress.keys()]).toEqual(['Volume demo_data', 'Network demo_default']);
    expect(state.progress.get('Network demo_default')).toMatchObject({ done: true, failed: false });
  });

  it("puts a container's error in the errors list with its whole message and keeps it on the row", () => {
    const message = `Error response from daemon: driver failed programming external connectivity on endpoint demo-web-1: Bind for 0.0.0.0:8080 failed: port is already allocated ${'x'.repeat(200)}`;
    const state = stateWith(event('Container', 'demo-web-1', 'Error', true, message));
    expect(state.errors).toEqual([{ time: 1_000, title: 'Container demo-web-1', message }]);
    expect(state.serviceProgress.get('web')).toBe('Error');
  });

  it("puts a network's error in the errors list and a failed line in the progress panel", () => {
    const state = stateWith(event('Network', 'demo_default', 'Error', true, 'pool overlaps with other one on this address space'));
    expect(state.errors).toEqual([{ time: 1_000, title: 'Network demo_default', message: 'pool overlaps with other one on this address space' }]);
    expect(state.progress.get('Network demo_default')).toMatchObject({ status: 'Error', done: true, failed: true });
  });

  it('says failed for an error that came without a message', () => {
    expect(stateWith(event('Volume', 'demo_data', 'Error', true)).errors[0]!.message).toBe('failed');
  });
});

describe('serviceOfContainer', () => {
  const state = { project: 'demo', specs: [spec('web'), spec('db-primary')] };

  it('gives the service of a replica of the project', () => {
    expect(serviceOfContainer(state, 'demo-web-1')).toBe('web');
    expect(serviceOfContainer(state, 'demo-web-12')).toBe('web');
    expect(serviceOfContainer(state, 'demo-db-primary-1')).toBe('db-primary');
  });

  it('gives nothing for another project or a name that is no service', () => {
    expect(serviceOfContainer(state, 'other-web-1')).toBeUndefined();
    expect(serviceOfContainer(state, 'demo-cache-1')).toBeUndefined();
  });
});
