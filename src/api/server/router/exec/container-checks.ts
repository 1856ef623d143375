import type { ContainerInspect } from '../../../types/containers.js';
import { BerthError } from '../../../../errors/index.js';
import type { ContainerEngine } from '../../../../runtime/containers/engine/index.js';

/**
 * The container an exec is created or started in, with dockerd's refusals (getActiveContainer):
 * 404 when it is gone, 409 when it is not running, paused or restarting. `asGiven` is how the
 * client named it: dockerd's paused text uses that name, the others the full id.
 */
export function runningContainer(containers: ContainerEngine, reference: string, asGiven: string): ContainerInspect {
  const container = containers.inspect(reference);
  const { Id, State } = container;
  if (!State.Running) throw conflict(`Container ${Id} is not running`, `start it first: docker start ${Id.slice(0, 12)}`);
  if (State.Paused) throw conflict(`Container ${asGiven} is paused, unpause the container before exec`, `unpause it first: docker unpause ${Id.slice(0, 12)}`);
  if (State.Restarting) throw conflict(`Container ${Id} is restarting, wait until the container is running`, 'try again once its restart policy has started it');
  return container;
}

/** The container to attach to: any but a paused or restarting one (dockerd's ContainerAttach texts). */
export function attachableContainer(containers: ContainerEngine, reference: string): ContainerInspect {
  const container = containers.inspect(reference);
  if (container.State.Paused) throw conflict(`container ${reference} is paused, unpause the container before attach`, `unpause it first: docker unpause ${reference}`);
  if (container.State.Restarting) throw conflict(`container ${reference} is restarting, wait until the container is running`, 'attach again once its restart policy has started it');
  return container;
}

function conflict(message: string, hint: string): BerthError {
  return new BerthError({ code: 'API_CONFLICT', kind: 'conflict', message, hint });
}
