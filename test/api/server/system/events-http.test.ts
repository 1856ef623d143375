import { request } from 'node:http';
import { expect, it } from 'vitest';
import type { EngineEvent } from '../../../../src/api/types/events.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { unixTime } from './event-times.js';
import { watchSubscriptions } from './hub-subscriptions.js';
import { rawRequest } from './raw-request.js';

function eventsOf(body: string): EngineEvent[] {
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as EngineEvent);
}

describeAsRoot('GET /events', () => {
  const fixture = useApiServer();
  const socket = (): string => fixture.socketPath();

  it('takes filters in both of Docker encodings', async () => {
    const since = unixTime();
    await rawRequest(socket(), 'POST', '/volumes/create', { Name: 'filtered-data' });
    await rawRequest(socket(), 'POST', '/networks/create', { Name: 'events-filtered', Labels: { team: 'a' } });
    await rawRequest(socket(), 'DELETE', '/volumes/filtered-data');
    const until = unixTime(Date.now() + 1);
    for (const filters of ['{"type":["network"]}', '{"type":{"network":true}}']) {
      const response = await rawRequest(socket(), 'GET', `/events?since=${since}&until=${until}&filters=${encodeURIComponent(filters)}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json');
      expect(eventsOf(response.body).map((event) => `${event.Type} ${event.Action} ${event.Actor.Attributes.name}`)).toEqual(['network create events-filtered']);
    }
    const byAction = await rawRequest(socket(), 'GET', `/events?since=${since}&until=${until}&filters=${encodeURIComponent('{"event":["destroy"]}')}`);
    expect(eventsOf(byAction.body).map((event) => `${event.Type} ${event.Action} ${event.Actor.ID}`)).toEqual(['volume destroy filtered-data']);
    const network = await rawRequest(socket(), 'GET', `/events?since=${since}&until=${until}&filters=${encodeURIComponent('{"network":["events-filtered"]}')}`);
    expect(eventsOf(network.body).map((event) => `${event.Type} ${event.Action}`)).toEqual(['network create']);
  });

  it('answers a since after its until with Docker 400', async () => {
    const response = await rawRequest(socket(), 'GET', '/events?since=2000&until=1000');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: '`since` time (2000) cannot be after `until` time (1000)' });
  });

  it('answers a time that is not one with a 400 naming the parameter', async () => {
    const response = await rawRequest(socket(), 'GET', '/events?since=yesterday');
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { message: string }).message).toMatch(/^invalid value for since: "yesterday"/);
  });

  it('with until ahead streams what happens until then, and ends', async () => {
    const subscriptions = watchSubscriptions(fixture.parts().events);
    try {
      const started = Date.now();
      const answer = rawRequest(socket(), 'GET', `/events?since=${unixTime(started)}&until=${unixTime(started + 1500)}`);
      await eventually(() => subscriptions.subscribed() === 1, 'the stream to subscribe');
      await rawRequest(socket(), 'POST', '/volumes/create', { Name: 'events-ahead' });
      const response = await answer;
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(eventsOf(response.body).map((event) => `${event.Type} ${event.Action} ${event.Actor.ID}`)).toEqual(['volume create events-ahead']);
      expect(subscriptions.active()).toBe(0);
    } finally {
      subscriptions.restore();
      await rawRequest(socket(), 'DELETE', '/volumes/events-ahead');
    }
  });

  it('leaves no subscription behind when the client goes', async () => {
    const subscriptions = watchSubscriptions(fixture.parts().events);
    try {
      const call = request({ socketPath: socket(), path: '/events', agent: false });
      call.on('error', () => undefined);
      call.end();
      await eventually(() => subscriptions.active() === 1, 'the stream to subscribe');
      call.destroy();
      await eventually(() => subscriptions.active() === 0, 'the stream to unsubscribe');
    } finally {
      subscriptions.restore();
    }
  });
});
