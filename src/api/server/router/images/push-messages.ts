import type { ProgressMessage } from '../../../types/images.js';
import type { PushProgress } from '../../../../runtime/images/index.js';
import { dockerProgressBar } from '../../../../runtime/images/pull/index.js';

/**
 * Docker's JSON messages for one tag's push (`POST /images/{name}/push`), from the push's
 * progress events, in dockerd 20.10's words:
 *
 *   {"status":"Preparing","progressDetail":{},"id":"3d2430473443"}
 *   {"status":"Pushing","progressDetail":{"current":512,"total":1056349},"progress":"[>   ...]","id":"3d2430473443"}
 *   {"status":"Pushed","progressDetail":{},"id":"3d2430473443"}        or "Layer already exists", "Mounted from library/busybox"
 *   {"status":"1: digest: sha256:... size: 527"}
 *   {"progressDetail":{},"aux":{"Tag":"1","Digest":"sha256:...","Size":527}}
 *
 * The line before them all, "The push refers to repository [...]", is the handler's. A layer's id
 * is the first 12 hex digits of its blob's digest, where dockerd shows its DiffID's: berth's
 * push reports blobs. Docker's "Waiting" (queued behind other uploads) has no counterpart, since
 * berth uploads every layer at once. The closing lines, which need the manifest's length, are
 * pushedMessages'.
 */
export function pushJsonMessages(): (event: PushProgress) => ProgressMessage[] {
  return (event) => {
    switch (event.kind) {
      case 'manifest':
        return event.layers.map((layer) => ({ status: 'Preparing', progressDetail: {}, id: layerId(layer.digest) }));
      case 'layer':
        if (event.status === 'pushing') {
          return [{ status: 'Pushing', progressDetail: { current: event.current, total: event.total }, progress: dockerProgressBar(event.current, event.total), id: layerId(event.digest) }];
        }
        return [{ status: event.status === 'mounted' ? `Mounted from ${event.from}` : event.status === 'exists' ? 'Layer already exists' : 'Pushed', progressDetail: {}, id: layerId(event.digest) }];
      case 'done':
        return [];
    }
  };
}

/** The last two messages of a tag's push: the manifest's digest and length, in words and as `aux`. */
export function pushedMessages(tag: string, digest: string, size: number): ProgressMessage[] {
  return [{ status: `${tag}: digest: ${digest} size: ${size}` }, { progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: size } }];
}

function layerId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}
