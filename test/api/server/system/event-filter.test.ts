import { describe, expect, it } from 'vitest';
import { eventFilter } from '../../../../src/api/server/router/system/event-filter.js';
import type { EngineEvent } from '../../../../src/api/types/events.js';

function event(Type: EngineEvent['Type'], Action: string, ID: string, Attributes: Record<string, string> = {}): EngineEvent {
  return { Type, Action, Actor: { ID, Attributes }, scope: 'local', time: 1, timeNano: 1_000_000_000 };
}

const web = event('container', 'start', 'abc123def', { name: 'shop-web-1', image: 'nginx:1.25', 'com.docker.compose.project': 'shop' });
const healthy = event('container', 'health_status: healthy', 'abc123def', { name: 'shop-web-1', image: 'nginx:1.25' });
const network = event('network', 'connect', 'fed987', { name: 'shop_default', type: 'bridge', container: 'abc123def' });
const pulled = event('image', 'pull', 'localhost:5000/app:1', { name: 'localhost:5000/app:1' });

describe('the events filter', () => {
  it('lets everything through without filters', () => {
    expect([web, network, pulled].every(eventFilter({}))).toBe(true);
  });

  it('matches type and event exactly, any of a key values, and every key', () => {
    expect(eventFilter({ type: ['network', 'volume'] })(network)).toBe(true);
    expect(eventFilter({ type: ['network'] })(web)).toBe(false);
    expect(eventFilter({ type: ['container'], event: ['stop'] })(web)).toBe(false);
    expect(eventFilter({ event: ['star'] })(web)).toBe(false);
  });

  it('matches health_status without its status by prefix, as Docker does', () => {
    expect(eventFilter({ event: ['health_status'] })(healthy)).toBe(true);
    expect(eventFilter({ event: ['health_status: unhealthy'] })(healthy)).toBe(false);
  });

  it('matches a container by id prefix or name, and by that name alone whatever the type', () => {
    expect(eventFilter({ container: ['abc1'] })(web)).toBe(true);
    expect(eventFilter({ container: ['shop-web-1'] })(web)).toBe(true);
    expect(eventFilter({ container: ['shop-db-1'] })(web)).toBe(false);
    expect(eventFilter({ network: ['shop_default'] })(network)).toBe(true);
    expect(eventFilter({ container: ['shop-web-1'] })(network)).toBe(false);
  });

  it('matches an image by reference, with or without its tag, keeping a registry port', () => {
    expect(eventFilter({ image: ['nginx'] })(web)).toBe(true);
    expect(eventFilter({ image: ['nginx:1.25'] })(web)).toBe(true);
    expect(eventFilter({ image: ['localhost:5000/app'] })(pulled)).toBe(true);
    expect(eventFilter({ image: ['localhost'] })(pulled)).toBe(false);
  });

  it('wants every label asked for, by key or key=value', () => {
    expect(eventFilter({ label: ['com.docker.compose.project=shop'] })(web)).toBe(true);
    expect(eventFilter({ label: ['com.docker.compose.project'] })(web)).toBe(true);
    expect(eventFilter({ label: ['com.docker.compose.project=shop', 'tier'] })(web)).toBe(false);
  });

  it('matches the scope', () => {
    expect(eventFilter({ scope: ['local'] })(web)).toBe(true);
    expect(eventFilter({ scope: ['swarm'] })(web)).toBe(false);
  });
});
