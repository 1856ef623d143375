import { describe, expect, it } from 'vitest';
import { DetachKeysFilter, parseDetachKeys } from '../../../../src/api/server/router/exec/detach-keys.js';

async function filtered(keys: Buffer, pieces: number[][]): Promise<{ passed: number[]; detached: boolean }> {
  const filter = new DetachKeysFilter(keys);
  let detached = false;
  filter.once('detach', () => (detached = true));
  const passed: number[] = [];
  filter.on('data', (chunk: Buffer) => passed.push(...chunk));
  for (const piece of pieces) filter.write(Buffer.from(piece));
  filter.end();
  await new Promise((resolve) => filter.once('end', resolve));
  return { passed, detached };
}

describe("Docker's detach keys", () => {
  it('reads the keys as Docker spells them, its default when none are given', () => {
    expect([...parseDetachKeys(undefined)!]).toEqual([16, 17]);
    expect([...parseDetachKeys('ctrl-a,x,ctrl-\\,ctrl-@,DEL')!]).toEqual([1, 120, 28, 0, 127]);
    expect(parseDetachKeys('ctrl-1')).toBeUndefined();
    expect(parseDetachKeys('ab')).toBeUndefined();
  });

  it('holds back a started sequence and detaches when it completes, across writes', async () => {
    expect(await filtered(Buffer.from([16, 17]), [[65, 16], [17, 66]])).toEqual({ passed: [65], detached: true });
  });

  it('passes a broken sequence on unchanged, a repeated first key included', async () => {
    expect(await filtered(Buffer.from([16, 17]), [[16, 65], [16, 16], [66]])).toEqual({ passed: [16, 65, 16, 16, 66], detached: false });
  });
});
