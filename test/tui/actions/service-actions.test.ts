import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComposeSession, UpOptions } from '../../../src/scheduler/index.js';

const calls: UpOptions[] = [];

// The actions go through the scheduler's `up`; here it records what it was asked instead.
vi.mock('../../../src/scheduler/index.js', async (original) => ({
  ...(await original<typeof import('../../../src/scheduler/index.js')>()),
  up: (_session: ComposeSession, options: UpOptions) => {
    calls.push(options);
    return Promise.resolve({ services: [...options.services], planText: '' });
  },
  withProjectLock: (_engine: string, _project: string, work: () => Promise<unknown>) => work(),
}));

const { serviceActions } = await import('../../../src/tui/actions/service-actions.js');
const { TuiStore } = await import('../../../src/tui/model/tui-store.js');

function actionsFor(services: Record<string, { build?: { context: string } }>): ReturnType<typeof serviceActions> {
  const session = { project: { name: 'demo', services } } as unknown as ComposeSession;
  const store = new TuiStore({ project: 'demo', engine: 'unix:///test.sock', mode: 'up', specs: [], colour: false, logCapacity: 10 });
  return serviceActions(store, { session, engine: 'unix:///test.sock', disabledServices: [], openShell: () => Promise.resolve(0) });
}

describe('the R key (recreate)', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('rebuilds the image of a service that has a build section, then recreates it alone', async () => {
    await actionsFor({ web: { build: { context: '/src/web' } } }).recreate('web');
    expect(calls).toEqual([expect.objectContaining({ services: ['web'], noDependencies: true, build: 'always', pull: 'policy', recreate: 'force' })]);
  });

  it('pulls the image of a service without one, as before', async () => {
    await actionsFor({ db: {} }).recreate('db');
    expect(calls).toEqual([expect.objectContaining({ services: ['db'], build: 'missing', pull: 'always', recreate: 'force' })]);
  });
});
