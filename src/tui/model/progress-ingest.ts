import type { ProgressEvent } from '../../scheduler/index.js';
import type { TuiState } from './tui-state.js';

/**
 * Takes one of the scheduler's progress events into the state: a container's step goes to its
 * service's row, any other resource's to the progress panel, and an error to the errors panel
 * with its whole message.
 */
export function ingestProgress(state: TuiState, event: ProgressEvent): void {
  const failed = event.status === 'Error';
  if (failed) state.errors.push({ time: event.time, title: `${event.kind} ${event.name}`, message: event.detail ?? 'failed' });
  const words = event.detail && !failed ? `${event.status} ${event.detail}` : event.status;
  if (event.kind === 'Container') {
    const service = serviceOfContainer(state, event.name);
    if (service === undefined) return;
    if (event.done && event.status !== 'Error') state.serviceProgress.delete(service);
    else state.serviceProgress.set(service, words);
    return;
  }
  if (event.kind === 'Image') {
    for (const spec of state.specs.filter((candidate) => candidate.image === event.name)) {
      if (event.done) state.serviceProgress.delete(spec.name);
      else state.serviceProgress.set(spec.name, words);
    }
  }
  const resource = `${event.kind} ${event.name}`;
  state.progress.delete(resource);
  state.progress.set(resource, { resource, status: event.status, ...(event.detail !== undefined && { detail: event.detail }), done: event.done, failed });
}

/** `demo-web-1` → `web`, for a service of the project; one-off and foreign names give undefined. */
export function serviceOfContainer(state: Pick<TuiState, 'project' | 'specs'>, container: string): string | undefined {
  const prefix = `${state.project}-`;
  if (!container.startsWith(prefix)) return undefined;
  const service = container.slice(prefix.length).replace(/-\d+$/, '');
  return state.specs.some((spec) => spec.name === service) ? service : undefined;
}
