import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { berthErrorOf } from '../../helpers/error-of.js';
import { containerId, openRecords } from './records-fixtures.js';

describe('network records: remove', () => {
  it('refuses the predefined networks with Docker\'s text', async () => {
    const { records } = await openRecords();
    for (const name of ['bridge', 'host', 'none']) {
      expect(berthErrorOf(() => records.remove(name)).message).toBe(`${name} is a pre-defined network and cannot be removed`);
    }
  });

  it("refuses a network a container runs on, with Docker's text and the containers in the hint", async () => {
    const { records } = await openRecords();
    const { Id } = await records.create({ Name: 'web' });
    records.connect('web', { containerId: containerId(1), containerName: '/shop-web-1' });
    const error = berthErrorOf(() => records.remove('web'));
    expect(error.message).toBe(`error while removing network: network web id ${Id} has active endpoints`);
    expect(error.hint).toContain('shop-web-1');
  });

  it('forgets the network and deletes its file once no container runs on it, and answers what it removed', async () => {
    const { records, state } = await openRecords();
    const { Id } = await records.create({ Name: 'web' });
    records.connect('web', { containerId: containerId(1), containerName: '/shop-web-1' });
    records.release(containerId(1));
    expect(records.remove(Id.slice(0, 8)).bridge).toBe(`br-${Id.slice(0, 12)}`);
    expect(existsSync(join(state, 'networks', `${Id}.json`))).toBe(false);
    expect(berthErrorOf(() => records.remove('web')).message).toBe('network web not found');
  });
});

describe('network records: prune', () => {
  it('removes the networks no container is on, never a predefined one, and answers them by name', async () => {
    const { records } = await openRecords();
    for (const name of ['b-unused', 'a-unused', 'used']) await records.create({ Name: name });
    records.connect('used', { containerId: containerId(1), containerName: '/c1' });
    expect(records.prune().map((network) => network.Name)).toEqual(['a-unused', 'b-unused']);
    expect(records.list().map((network) => network.Name)).toEqual(['bridge', 'host', 'none', 'used']);
    expect(records.prune()).toEqual([]);
  });

  it('takes label, label! and until filters as Docker does', async () => {
    const { records, clock } = await openRecords();
    await records.create({ Name: 'lab1', Labels: { a: '1' } });
    clock.advance(3_600_000);
    await records.create({ Name: 'lab2', Labels: { a: '2' } });
    await records.create({ Name: 'plain' });
    clock.advance(60_000);
    const pruned = (filters: Record<string, string[]>) => records.prune(filters).map((network) => network.Name);
    expect(pruned({ until: ['30m'] })).toEqual(['lab1']);
    expect(pruned({ 'label!': ['a=2'] })).toEqual(['plain']);
    expect(pruned({ label: ['a'] })).toEqual(['lab2']);
  });

  it("refuses filters prune does not take, and an until it cannot read, with Docker's texts", async () => {
    const { records } = await openRecords();
    expect(berthErrorOf(() => records.prune({ dangling: ['true'] })).message).toBe("Invalid filter 'dangling'");
    expect(berthErrorOf(() => records.prune({ until: ['bogus'] })).message).toBe('failed to parse value as time or duration: "bogus"');
  });
});
