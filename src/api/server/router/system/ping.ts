import type { ApiCall } from '../../http/route.js';

/**
 * `GET` and `HEAD /_ping`: `OK` as plain text, with dockerd's `Builder-Version` and no-cache
 * headers. The transport adds `Api-Version`, `Ostype`, `Server` and `Docker-Experimental`, which
 * are what clients ping for (version negotiation).
 */
export function ping(call: ApiCall): void {
  call.sendText('OK', 'text/plain; charset=utf-8', { 'Builder-Version': '1', 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache' });
}
