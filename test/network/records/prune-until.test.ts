import { describe, expect, it } from 'vitest';
import { containerId, openRecords, TestClock } from './records-fixtures.js';

/** Networks made an hour, a minute and a second before "now"; prune with `until` and see which go. */
async function prunedWith(until: string): Promise<string[]> {
  const clock = new TestClock(new Date('2026-11-23T15:00:00.000Z'));
  const { records } = await openRecords({ clock });
  await records.create({ Name: 'hour' });
  clock.advance(59 * 60_000);
  await records.create({ Name: 'minute' });
  clock.advance(59_000);
  await records.create({ Name: 'second' });
  clock.advance(1_000);
  return records.prune({ until: [until] }).map((network) => network.Name);
}

describe("prune's until", () => {
  it.each([
    ['30m', ['hour']],
    ['1h30m', []],
    ['90s', ['hour']],
    ['0.5s', ['hour', 'minute', 'second']],
    ['1m', ['hour', 'minute']],
    ['1500ms', ['hour', 'minute']],
    [String(Date.parse('2026-11-23T15:30:00Z') / 1000), ['hour']],
    [`${Date.parse('2026-11-23T15:59:00Z') / 1000}.5`, ['hour', 'minute']],
    ['2026-11-23T15:30:00Z', ['hour']],
    ['2026-11-23T15:59:30.5Z', ['hour', 'minute']],
    ['2026-11-23T16:30:00+01:00', ['hour']],
    ['2026-11-23T15:59Z', ['hour', 'minute']],
    ['2026-11-24', ['hour', 'minute', 'second']],
    ['2026-11-22', []],
  ])('reads %s as Docker does', async (until, pruned) => {
    expect(await prunedWith(until)).toEqual(pruned);
  });

  it('reads a time without a zone as local time', async () => {
    const local = new Date('2026-11-23T15:30:00Z');
    const text = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}T${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:00`;
    expect(await prunedWith(text)).toEqual(['hour']);
  });

  it('leaves a network a container is on, however old', async () => {
    const { records, clock } = await openRecords();
    await records.create({ Name: 'old' });
    records.connect('old', { containerId: containerId(1), containerName: '/c1' });
    clock.advance(86_400_000);
    expect(records.prune({ until: ['1h'] })).toEqual([]);
  });
});
