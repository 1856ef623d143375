import { defaultUpOptions, up, withProjectLock } from '../../scheduler/index.js';
import { printWarning } from '../print-warning.js';
import type { OpenedSession } from '../project-session.js';

/**
 * What `berth watch` does before it watches, as Compose's does: `up` for the services (and what
 * they depend on) with their images built, so the containers run what the sources say now.
 */
export async function upBeforeWatch(opened: OpenedSession, services: readonly string[]): Promise<void> {
  const { session, loaded } = opened;
  await withProjectLock(opened.engine, session.project.name, () => up(session, { ...defaultUpOptions(services, loaded.disabledServices), build: 'always' }), {
    onWait: printWarning,
  });
}
