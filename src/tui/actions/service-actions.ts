import { changeContainers, defaultUpOptions, restartServices, up, withProjectLock, type ComposeSession } from '../../scheduler/index.js';
import { errorText } from '../../errors/index.js';
import type { TuiStore } from '../model/tui-store.js';
import type { ServiceActions } from '../terminal-ui.js';

export interface ActionContext {
  session: ComposeSession;
  /** The engine's address, for the project lock that keeps two commands from changing one stack. */
  engine: string;
  /** Services the active profiles leave out: never touched as orphans. */
  disabledServices: readonly string[];
  /** Runs an interactive shell in the service's container; the UI has stepped aside meanwhile. */
  openShell(service: string): Promise<number>;
}

/**
 * The one-key actions on a service, through the same scheduler operations as `berth restart`,
 * `stop`, `up` and `exec`. Each says in the status bar what it is doing and what came of it; a
 * failure goes to the errors panel with its whole message. Actions on one project queue behind
 * its lock instead of racing.
 */
export function serviceActions(store: TuiStore, context: ActionContext): ServiceActions {
  const { session } = context;
  const act = async (verb: string, service: string, done: string, work: () => Promise<unknown>): Promise<void> => {
    store.update((state) => (state.notice = `${verb} ${service}…`));
    try {
      await withProjectLock(context.engine, session.project.name, work, { onWait: (message) => store.update((state) => (state.notice = message)) });
      store.update((state) => (state.notice = `${service} ${done}`));
    } catch (error) {
      const message = errorText(error);
      store.update((state) => {
        state.notice = `${verb} ${service} failed: E shows why`;
        state.errors.push({ time: Date.now(), title: `${verb} ${service}`, message });
      });
    }
  };
  const buildable = (service: string): boolean => session.project.services[service]?.build !== undefined;
  // R takes a fresh image first: rebuilt when the service has a build section (as `up --build`), pulled otherwise.
  const converge = (service: string, recreate: 'never' | 'force') =>
    up(session, {
      ...defaultUpOptions([service], context.disabledServices),
      noDependencies: recreate === 'force',
      pull: recreate === 'force' && !buildable(service) ? 'always' : 'policy',
      build: recreate === 'force' && buildable(service) ? 'always' : 'missing',
      recreate,
    });
  return {
    restart: (service) => act('restarting', service, 'restarted', () => restartServices(session, { services: [service], noDependents: false })),
    stop: (service) => act('stopping', service, 'stopped', () => changeContainers(session, { kind: 'stop' }, { services: [service] })),
    // Through `up`, so a service with no container yet (or a removed one) is created, after what it depends on.
    start: (service) => act('starting', service, 'started', () => converge(service, 'never')),
    recreate: (service) =>
      act(buildable(service) ? 'rebuilding and recreating' : 'recreating', service, buildable(service) ? 'rebuilt and recreated' : 'recreated', () => converge(service, 'force')),
    shell: async (service) => {
      process.stdout.write(`berth: a shell in ${service}; exit it to return to the UI\n`);
      try {
        const code = await context.openShell(service);
        store.update((state) => (state.notice = `the shell in ${service} exited with code ${code}`));
      } catch (error) {
        const message = errorText(error);
        store.update((state) => {
          state.notice = `no shell in ${service}: E shows why`;
          state.errors.push({ time: Date.now(), title: `shell in ${service}`, message });
        });
      }
    },
  };
}
