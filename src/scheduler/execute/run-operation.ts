import { EngineError, type MountPoint } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import { progressEvent, type ResourceKind, type ProgressStatus } from '../contract/progress.js';
import type { ComposeSession } from '../contract/session.js';
import type { BuildSettings } from '../desired/build-request.js';
import { containerRequest } from '../desired/container-request.js';
import { networkCreateRequest } from '../desired/network-request.js';
import { volumeCreateRequest } from '../desired/volume-request.js';
import type { ObservedState } from '../observe/observed-state.js';
import type { Operation } from '../plan/operations.js';
import { awaitCondition } from './await-dependency.js';
import { buildServiceImage } from './build-image.js';
import { limiter, type Limiter } from './limiter.js';
import { portHolder, portInUseOf } from './port-holder.js';
import { pullImage } from './pull-image.js';
import { alreadyDoneIsFine } from './tolerate.js';

export interface RunContext {
  session: ComposeSession;
  observed: ObservedState;
  configHashes: Readonly<Record<string, string>>;
  /** -V: give recreated containers fresh anonymous volumes instead of their predecessors'. */
  renewAnonymousVolumes?: boolean;
  /** -t: seconds to wait for a stop before SIGKILL; the container's own stop_grace_period otherwise. */
  stopTimeout?: number;
  /** The container of each service that `service:NAME` modes and volumes_from refer to. */
  containerOfService: (service: string) => string | undefined;
  signal?: AbortSignal;
  /** What `berth build`'s flags add to every build (--build-arg, --no-cache, --pull, -q). */
  buildSettings?: BuildSettings;
  /** Told each built image's id, for `build -q`. */
  onBuilt?: (service: string, imageId: string) => void;
}

/** Builds of different services run side by side, at most this many at once. */
const maxParallelBuilds = 4;

/** Carries out one planned step on the engine, reporting progress as Docker Compose words it. */
export function operationRunner(context: RunContext): (operation: Operation) => Promise<void> {
  const { session } = context;
  const { client } = session;
  const builds: Limiter = limiter(maxParallelBuilds);
  const step = async (kind: ResourceKind, name: string, doing: ProgressStatus, done: ProgressStatus, work: () => Promise<unknown>): Promise<void> => {
    session.progress(progressEvent(kind, name, doing));
    try {
      await work();
    } catch (error) {
      session.progress(progressEvent(kind, name, 'Error', error instanceof Error ? error.message : String(error)));
      throw error;
    }
    session.progress(progressEvent(kind, name, done));
  };

  return async (operation) => {
    switch (operation.kind) {
      case 'create-network':
        return step('Network', operation.name, 'Creating', 'Created', () => client.networks.create(networkCreateRequest(session.project, operation.key)));
      case 'remove-network':
        return removeNetwork(operation.name);
      case 'create-volume':
        return step('Volume', operation.name, 'Creating', 'Created', () => client.volumes.create(volumeCreateRequest(session.project, operation.key)));
      case 'remove-volume':
        return removeVolume(operation.name);
      case 'pull-image':
        return pullImage(session, operation.service, operation.image, { signal: context.signal, canBuild: operation.canBuild });
      case 'build-image':
        return buildImage(operation);
      case 'remove-image':
        return step('Image', operation.image, 'Removing', 'Removed', () => alreadyDoneIsFine(() => client.images.remove(operation.image)));
      case 'create-container':
        return createContainer(operation);
      case 'start-container':
        return step('Container', operation.name, 'Starting', 'Started', () =>
          alreadyDoneIsFine(() => client.containers.start(operation.name), ['ENGINE_NOT_MODIFIED']).catch((error: unknown) => {
            throw explainStartFailure(error, operation.service, session.client.endpoint.kind === 'unix');
          }),
        );
      case 'keep-container':
        session.progress(progressEvent('Container', operation.name, 'Running'));
        return;
      case 'restart-container':
        return step('Container', operation.name, 'Restarting', 'Restarted', () => client.containers.restart(operation.name, { t: context.stopTimeout }));
      case 'stop-container':
        return step('Container', operation.name, 'Stopping', 'Stopped', () => alreadyDoneIsFine(() => client.containers.stop(operation.name, { t: context.stopTimeout })));
      case 'kill-container':
        return step('Container', operation.name, 'Killing', 'Killed', () => client.containers.kill(operation.name, { signal: operation.signal }));
      case 'pause-container':
        return step('Container', operation.name, 'Pausing', 'Paused', () => client.containers.pause(operation.name));
      case 'unpause-container':
        return step('Container', operation.name, 'Unpausing', 'Unpaused', () => client.containers.unpause(operation.name));
      case 'remove-container':
        return step('Container', operation.name, 'Removing', 'Removed', () =>
          alreadyDoneIsFine(() => client.containers.remove(operation.name, { force: true, v: operation.volumes }), ['ENGINE_NOT_FOUND']),
        );
      case 'await-dependency':
        return awaitDependency(operation);
    }
  };

  async function buildImage(operation: Extract<Operation, { kind: 'build-image' }>): Promise<void> {
    if (operation.ifMissing && (await imagePresent(operation.image))) return;
    const id = await builds.run(() => buildServiceImage(session, operation.service, { settings: context.buildSettings, signal: context.signal }));
    context.onBuilt?.(operation.service, id);
  }

  async function imagePresent(image: string): Promise<boolean> {
    try {
      await client.images.inspect(image);
      return true;
    } catch (error) {
      if (error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND') return false;
      throw error;
    }
  }

  async function createContainer(operation: Extract<Operation, { kind: 'create-container' }>): Promise<void> {
    const replaced = operation.replaces ? context.observed.containers.find((container) => container.id === operation.replaces!.id) : undefined;
    const inherited = replaced && !context.renewAnonymousVolumes ? anonymousVolumesOf(replaced.summary.Mounts ?? []) : [];
    const { name, request, extraNetworks } = containerRequest({
      project: session.project,
      serviceName: operation.service,
      number: operation.number,
      configHash: context.configHashes[operation.service] ?? '',
      workingDir: session.workingDir,
      configFiles: session.configFiles,
      environmentFiles: session.environmentFiles,
      containerOfService: context.containerOfService,
      inheritedAnonymousVolumes: inherited,
    });
    if (operation.replaces) {
      const old = operation.replaces.name;
      await step('Container', old, 'Recreate', 'Recreated', async () => {
        await alreadyDoneIsFine(() => client.containers.stop(operation.replaces!.id, { t: context.stopTimeout }));
        await alreadyDoneIsFine(() => client.containers.remove(operation.replaces!.id, { force: true }), ['ENGINE_NOT_FOUND']);
        await create();
      });
      return;
    }
    await step('Container', name, 'Creating', 'Created', create);

    async function create(): Promise<void> {
      try {
        await client.containers.create(request, { name, platform: session.project.services[operation.service]?.platform });
      } catch (error) {
        throw explainCreateFailure(error, operation.service, request.Image);
      }
      for (const { network, endpoint } of extraNetworks) {
        await client.networks.connect(network, { Container: name, EndpointConfig: endpoint });
      }
    }
  }

  /**
   * As Docker Compose: a network that containers outside the plan still use (orphans kept without
   * --remove-orphans, another project's containers) stays, with a warning, and `down` succeeds.
   */
  async function removeNetwork(name: string): Promise<void> {
    const network = await client.networks.inspect(name).catch((error: unknown) => {
      if (error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND') return undefined;
      throw error;
    });
    if (network && Object.keys(network.Containers ?? {}).length > 0) {
      session.progress(progressEvent('Network', name, 'Warning', 'Resource is still in use'));
      return;
    }
    await step('Network', name, 'Removing', 'Removed', () => alreadyDoneIsFine(() => client.networks.remove(name)));
  }

  /** The same for a volume a container still uses: the engine refuses to remove it with a conflict. */
  async function removeVolume(name: string): Promise<void> {
    session.progress(progressEvent('Volume', name, 'Removing'));
    try {
      await alreadyDoneIsFine(() => client.volumes.remove(name));
    } catch (error) {
      if (error instanceof EngineError && error.code === 'ENGINE_CONFLICT') {
        session.progress(progressEvent('Volume', name, 'Warning', 'Resource is still in use'));
        return;
      }
      session.progress(progressEvent('Volume', name, 'Error', error instanceof Error ? error.message : String(error)));
      throw error;
    }
    session.progress(progressEvent('Volume', name, 'Removed'));
  }

  async function awaitDependency(operation: Extract<Operation, { kind: 'await-dependency' }>): Promise<void> {
    try {
      await Promise.all(
        operation.containers.map((container) =>
          awaitCondition(client, { service: operation.service, container }, operation.condition, { progress: session.progress, signal: context.signal }),
        ),
      );
    } catch (error) {
      if (operation.required) throw error;
      session.warn(`optional dependency ${operation.service} is not ready, starting without it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Anonymous volumes of a container being replaced: volume mounts whose names the engine made up. */
function anonymousVolumesOf(mounts: readonly MountPoint[]): Array<{ name: string; target: string }> {
  return mounts
    .filter((mount) => mount.Type === 'volume' && mount.Name !== undefined && /^[0-9a-f]{64}$/.test(mount.Name))
    .map((mount) => ({ name: mount.Name!, target: mount.Destination }));
}

/** A published port someone else holds: name the port, and the holder when the engine is on this machine. */
function explainStartFailure(error: unknown, service: string, localEngine: boolean): unknown {
  if (!(error instanceof EngineError)) return error;
  const taken = portInUseOf(error.engineMessage);
  if (!taken) return error;
  const holder = localEngine ? portHolder(taken.port, taken.protocol) : undefined;
  return new BerthError({
    code: 'PORT_IN_USE',
    kind: 'conflict',
    message: `service ${service} cannot publish port ${taken.port}/${taken.protocol}: it is already in use${holder ? ` by ${holder}` : ''}`,
    hint: 'stop what holds the port, or publish the service on another host port (ports: ["OTHER:TARGET"])',
    cause: error,
  });
}

function explainCreateFailure(error: unknown, service: string, image: string): unknown {
  if (error instanceof BerthError && error.code === 'ENGINE_NOT_FOUND' && /image/i.test(error.message)) {
    return new BerthError({
      code: 'IMAGE_MISSING',
      kind: 'not-found',
      message: `image ${image} for service ${service} is not on the engine`,
      hint: 'pull it (berth pull), build it, or let up pull it (--pull missing)',
      cause: error,
    });
  }
  return error;
}
