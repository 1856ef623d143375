import { describe, expect, it } from 'vitest';
import type { NetworkRecords } from '../../../src/network/records/index.js';
import { berthErrorOf } from '../../helpers/error-of.js';
import { containerId, openRecords } from './records-fixtures.js';

/** Creates networks until two ids share their first hex digit (at most 17 by the pigeonhole); returns that digit. */
async function sharedPrefix(records: NetworkRecords): Promise<string> {
  for (let index = 0; ; index++) {
    await records.create({ Name: `n${index}`, IPAM: { Config: [{ Subnet: `10.215.${index}.0/24` }] } });
    const counts = new Map<string, number>();
    for (const network of records.all()) counts.set(network.Id[0]!, (counts.get(network.Id[0]!) ?? 0) + 1);
    const shared = [...counts].find(([, count]) => count > 1);
    if (shared) return shared[0];
  }
}

const names = (records: NetworkRecords, filters: Record<string, string[]>) => records.list(filters).map((network) => network.Name);

describe('network records: lookup', () => {
  it('finds a network by full id, by name, and by a unique id prefix', async () => {
    const { records } = await openRecords();
    const { Id } = await records.create({ Name: 'web' });
    expect(records.find(Id).Name).toBe('web');
    expect(records.find('web').Id).toBe(Id);
    expect(records.find(Id.slice(0, 5)).Name).toBe('web');
  });

  it("prefers a network's name to another network's id prefix, as Docker does", async () => {
    const { records } = await openRecords();
    const { Id } = await records.create({ Name: 'first' });
    await records.create({ Name: Id.slice(0, 6) });
    expect(records.find(Id.slice(0, 6)).Name).toBe(Id.slice(0, 6));
    expect(records.find(Id.slice(0, 7)).Name).toBe('first');
  });

  it("says an id prefix is ambiguous in each of Docker's two wordings, and names a missing network", async () => {
    const { records } = await openRecords();
    const prefix = await sharedPrefix(records);
    expect(berthErrorOf(() => records.inspect(prefix)).message).toBe(`2 matches found based on ID prefix: network ${prefix} is ambiguous`);
    expect(berthErrorOf(() => records.find(prefix)).message).toBe(`network ${prefix} is ambiguous (2 matches found based on ID prefix)`);
    expect(berthErrorOf(() => records.inspect('nope')).message).toBe('network nope not found');
    expect(berthErrorOf(() => records.find('nope')).kind).toBe('not-found');
  });
});

describe('network records: list', () => {
  it("filters as Docker 20.10 does: name and id as patterns, driver, scope and type exactly, every label asked", async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'lab1', Labels: { a: '1', b: '2' } });
    await records.create({ Name: 'lab2', Labels: { a: '2' } });
    await records.create({ Name: 'other' });
    expect(names(records, {})).toEqual(['bridge', 'host', 'lab1', 'lab2', 'none', 'other']);
    expect(names(records, { name: ['lab'] })).toEqual(['lab1', 'lab2']);
    expect(names(records, { name: ['^lab1$', 'oth'] })).toEqual(['lab1', 'other']);
    expect(names(records, { id: [records.find('lab2').Id.slice(0, 10)] })).toEqual(['lab2']);
    expect(names(records, { driver: ['bri'] })).toEqual([]);
    expect(names(records, { driver: ['null', 'host'] })).toEqual(['host', 'none']);
    expect(names(records, { scope: ['local'] })).toHaveLength(6);
    expect(names(records, { scope: ['swarm'] })).toEqual([]);
    expect(names(records, { type: ['builtin'] })).toEqual(['bridge', 'host', 'none']);
    expect(names(records, { type: ['custom'], name: ['l'] })).toEqual(['lab1', 'lab2']);
    expect(names(records, { label: ['a'] })).toEqual(['lab1', 'lab2']);
    expect(names(records, { label: ['a=1', 'b'] })).toEqual(['lab1']);
  });

  it('calls a network dangling when it is not predefined and no container is on it', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'used' });
    await records.create({ Name: 'unused' });
    records.connect('used', { containerId: containerId(1), containerName: '/web-1' });
    expect(names(records, { dangling: ['true'] })).toEqual(['unused']);
    expect(names(records, { dangling: ['0'] })).toEqual(['bridge', 'host', 'none', 'used']);
  });

  it('lists networks with no containers, as Docker lists them, while inspect shows them', async () => {
    const { records } = await openRecords();
    await records.create({ Name: 'used' });
    records.connect('used', { containerId: containerId(1), containerName: '/web-1' });
    expect(records.list({ name: ['used'] })[0]?.Containers).toEqual({});
    expect(Object.keys(records.inspect('used').Containers)).toEqual([containerId(1)]);
  });

  it.each([
    [{ bogus: ['x'] }, "Invalid filter 'bogus'"],
    [{ 'label!': ['a'] }, "Invalid filter 'label!'"],
    [{ type: ['custom', 'bogus'] }, "invalid filter: 'type'='bogus'"],
    [{ dangling: ['bogus'] }, 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")'],
    [{ dangling: ['true', 'false'] }, 'got more than one value for filter key "dangling"'],
  ])("refuses the filters %j with Docker's text", async (filters, message) => {
    const { records } = await openRecords();
    expect(berthErrorOf(() => records.list(filters)).message).toBe(message);
  });
});
