import type { Writable } from 'node:stream';
import type { EngineEvent } from '../../../types/events.js';
import type { EventHub } from '../../events/event-hub.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { eventFilter } from './event-filter.js';
import { eventTime, nowNanos } from './event-time.js';

/**
 * `GET /events`: one JSON object per line, each written as it happens. With `since`, the kept
 * events from then on come first (dockerd's buffer); with `until` in the past only those, and the
 * stream ends; with `until` ahead it ends then. Otherwise it runs until the client goes, and its
 * subscription goes with it.
 */
export async function streamEvents(call: ApiCall, hub: EventHub): Promise<void> {
  const since = eventTime(call.query.string('since'), 'since');
  const until = eventTime(call.query.string('until'), 'until');
  if (since !== undefined && until !== undefined && until < since) {
    throw badParameter(`\`since\` time (${call.query.string('since')}) cannot be after \`until\` time (${call.query.string('until')})`);
  }
  const matches = eventFilter(call.query.filters());
  const inWindow = (event: EngineEvent): boolean => (since === undefined || BigInt(event.timeNano) >= since) && (until === undefined || BigInt(event.timeNano) <= until);
  const output = call.stream('application/json');
  const send = (event: EngineEvent): void => {
    if (!output.destroyed && !output.writableEnded && matches(event)) output.write(`${JSON.stringify(event)}\n`);
  };
  // Subscribing and reading the history in one turn: no event is missed or told twice between them.
  const unsubscribe = hub.subscribe((event) => (until === undefined || BigInt(event.timeNano) <= until ? send(event) : undefined));
  const replay = since === undefined && until === undefined ? [] : hub.recent().filter(inWindow);
  try {
    for (const event of replay) send(event);
    if (until !== undefined && until < nowNanos()) return;
    await endOfStream(call.signal, output, until);
  } finally {
    unsubscribe();
    if (!output.destroyed) output.end();
  }
}

/** Node's timers hold at most this many milliseconds (about 24 days); a later `until` is waited for in steps. */
const longestTimer = 2_147_483_647;

/** Resolves when the client goes, the answer closes, or `until` comes. */
function endOfStream(signal: AbortSignal, output: Writable, until: bigint | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    function arm(): void {
      if (until === undefined) return;
      const left = until - nowNanos();
      if (left < 0n) return finish();
      timer = setTimeout(arm, Math.min(Number(left / 1_000_000n) + 1, longestTimer));
    }
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      output.off('close', finish);
      resolve();
    }
    signal.addEventListener('abort', finish, { once: true });
    output.once('close', finish);
    arm();
  });
}
