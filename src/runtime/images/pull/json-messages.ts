import type { ProgressMessage } from '../../../api/types/images.js';
import { familiarString } from '../operations/image-catalog.js';
import { parseReference } from '../reference/index.js';
import { dockerProgressBar } from './docker-progress-bar.js';
import type { PullProgress } from './pull-progress.js';

/**
 * Docker's JSON message stream for a pull (`POST /images/create`) from a pull's progress events,
 * in dockerd 20.10's words and shapes:
 *
 *   {"status":"Pulling from library/busybox","id":"latest"}
 *   {"status":"Pulling fs layer","progressDetail":{},"id":"104f60bd9c26"}     or "Already exists"
 *   {"status":"Downloading","progressDetail":{"current":36445,"total":1056349},"progress":"[=>   ...]  36.45kB/1.056MB","id":"104f60bd9c26"}
 *   {"status":"Verifying Checksum","progressDetail":{},"id":"104f60bd9c26"}
 *   {"status":"Download complete","progressDetail":{},"id":"104f60bd9c26"}
 *   {"status":"Extracting","progressDetail":{"current":1056349,"total":1056349},"progress":"...","id":"104f60bd9c26"}
 *   {"status":"Pull complete","progressDetail":{},"id":"104f60bd9c26"}
 *   {"status":"Digest: sha256:..."}
 *   {"status":"Status: Downloaded newer image for busybox:latest"}          or "Image is up to date for"
 *
 * A layer's id is the first 12 hex digits of its blob's digest; a pull by digest is "from" its
 * whole reference. An image the store held already gets no layer lines: Docker does not look at
 * its layers. Docker's "Waiting" (a layer queued behind three downloads) has no counterpart, since
 * berth fetches every layer at once. Docker may also drop a line that another follows quickly; this
 * writes every one.
 *
 * Returns a function to give each event, in order; it answers with the messages to write.
 */
export function pullJsonMessages(): (event: PullProgress) => ProgressMessage[] {
  let imageStored = false;
  const verified = new Set<string>();
  return (event) => {
    switch (event.kind) {
      case 'manifest': {
        imageStored = event.stored;
        const reference = parseReference(event.reference);
        return [{ status: `Pulling from ${reference.path}`, id: reference.digest === undefined ? reference.tag : event.reference }];
      }
      case 'layer':
        if (event.status === 'exists' && imageStored) return [];
        if (event.status !== 'extracting' || verified.has(event.digest)) return [layerMessage(event)];
        verified.add(event.digest);
        // The store checked size and digest as the bytes arrived, so the blob is whole once extraction starts.
        return [statusMessage('Verifying Checksum', event.digest), statusMessage('Download complete', event.digest), layerMessage(event)];
      case 'done': {
        const outcome = event.updated ? 'Downloaded newer image' : 'Image is up to date';
        return [{ status: `Digest: ${event.registryDigest}` }, { status: `Status: ${outcome} for ${familiarString(parseReference(event.reference))}` }];
      }
    }
  };
}

type LayerEvent = Extract<PullProgress, { kind: 'layer' }>;

function layerMessage(event: LayerEvent): ProgressMessage {
  switch (event.status) {
    case 'exists':
      return statusMessage('Already exists', event.digest);
    case 'pending':
      return statusMessage('Pulling fs layer', event.digest);
    case 'downloading':
      return bytesMessage('Downloading', event);
    case 'extracting':
      return bytesMessage('Extracting', event);
    case 'complete':
      return statusMessage('Pull complete', event.digest);
  }
}

function statusMessage(status: string, digest: string): ProgressMessage {
  return { status, progressDetail: {}, id: layerId(digest) };
}

function bytesMessage(status: string, event: LayerEvent): ProgressMessage {
  return { status, progressDetail: { current: event.current, total: event.total }, progress: dockerProgressBar(event.current, event.total), id: layerId(event.digest) };
}

/** Docker's short layer id: `sha256:104f60bd9c26...` -> `104f60bd9c26`. */
function layerId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}
