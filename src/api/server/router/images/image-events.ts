import type { ImageDeleteItem } from '../../../types/images.js';
import { inspectImage, type ContentStore } from '../../../../runtime/images/index.js';
import type { EventSink } from '../../events/event-hub.js';

export type ImageAction = 'pull' | 'push' | 'tag' | 'untag' | 'delete' | 'import' | 'load' | 'save';

/**
 * Publishes an image event as dockerd's LogImageEvent does: `id` is what dockerd names the event
 * by (the image id, or the reference for pull and push), `name` the attribute it adds, and the
 * labels of the image `image` names go in too while it exists.
 */
export async function publishImageEvent(events: EventSink, store: ContentStore, action: ImageAction, id: string, name: string, image = id): Promise<void> {
  events.publish({ Type: 'image', Action: action, id, attributes: { ...(await labelsOf(store, image)), name } });
}

/**
 * The events of a removal, from its answer: an `untag` for each name removed and a `delete` for
 * the image once it went (the layers deleted after it have none), both by the image's id, as
 * dockerd's ImageDelete logs them. `labels` were read before the image could go.
 */
export function publishRemoval(events: EventSink, imageId: string, labels: Record<string, string>, items: readonly ImageDeleteItem[]): void {
  for (const item of items) {
    const action = item.Untagged !== undefined ? 'untag' : item.Deleted === imageId ? 'delete' : undefined;
    if (action) events.publish({ Type: 'image', Action: action, id: imageId, attributes: { ...labels, name: imageId } });
  }
}

export async function labelsOf(store: ContentStore, image: string): Promise<Record<string, string>> {
  try {
    return (await inspectImage(store, image)).Config?.Labels ?? {};
  } catch {
    // Gone already (a delete), or never stored under that name: dockerd then adds no labels either.
    return {};
  }
}
