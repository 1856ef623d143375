import { buildServices, changeContainers, defaultUpOptions, serviceImage, up, withProjectLock, type ComposeSession } from '../scheduler/index.js';

/** What the actions need: the session, the engine's address for the project lock, and the services the profiles leave out. */
export interface ActionContext {
  session: ComposeSession;
  engine: string;
  disabledServices: readonly string[];
  /** --prune: remove the image a rebuild replaced, once nothing uses it. */
  prune: boolean;
}

/**
 * `rebuild`: builds the service's image as `berth build` does, then recreates the service's
 * containers that run the old image, as `up --no-deps` does, under the project lock. With
 * `prune`, the image it replaced is removed when nothing else uses it, as Compose's `watch --prune`
 * removes the dangling images its rebuilds leave.
 */
export async function rebuildService(context: ActionContext, service: string): Promise<void> {
  const { session } = context;
  const image = serviceImage(session.project, service);
  const before = await session.client.images.inspect(image).then((found) => found.Id, () => undefined);
  await withProjectLock(context.engine, session.project.name, async () => {
    await buildServices(session, { services: [service], withDependencies: false, settings: {}, push: false, dryRun: false });
    await up(session, { ...defaultUpOptions([service], context.disabledServices), noDependencies: true, pull: 'never', build: 'never' });
  });
  if (!context.prune || before === undefined) return;
  const after = await session.client.images.inspect(image).then((found) => found.Id, () => undefined);
  // An image still in use (another service, a stopped container) is refused by the engine: that is fine.
  if (after !== before) await session.client.images.remove(before).catch(() => undefined);
}

/** `restart` and `sync+restart`: the service's containers, not the services that depend on it. */
export async function restartService(context: ActionContext, service: string): Promise<void> {
  await withProjectLock(context.engine, context.session.project.name, () => changeContainers(context.session, { kind: 'restart' }, { services: [service] }));
}
