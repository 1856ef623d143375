import type { WatchControl } from '../../watch/index.js';
import type { OpenedSession } from '../project-session.js';

/** The watch of a project opened by a command, for the TUI's `w` and `up --watch`. The watch code (and chokidar) load only when it starts. */
export function watchControl(opened: OpenedSession, services: readonly string[], options: { prune: boolean }): WatchControl {
  return {
    start: async (emit) => {
      const { watchProject } = await import('../../watch/index.js');
      return watchProject(opened.session, { services, engine: opened.engine, disabledServices: opened.loaded.disabledServices, prune: options.prune, emit });
    },
  };
}
