import { vi } from 'vitest';
import type { EventHub } from '../../../../src/api/server/events/event-hub.js';

/**
 * Counts the event hub's subscriptions while a test runs: how many streams have subscribed, and
 * how many are still subscribed. `restore()` puts the hub back as it was.
 */
export function watchSubscriptions(hub: EventHub): { subscribed(): number; active(): number; restore(): void } {
  const original = hub.subscribe.bind(hub);
  let subscribed = 0;
  let active = 0;
  const spy = vi.spyOn(hub, 'subscribe').mockImplementation((listener) => {
    subscribed += 1;
    active += 1;
    const unsubscribe = original(listener);
    return () => {
      active -= 1;
      return unsubscribe();
    };
  });
  return { subscribed: () => subscribed, active: () => active, restore: () => spy.mockRestore() };
}
