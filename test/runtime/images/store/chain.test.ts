import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainIds, layerChain } from '../../../../src/runtime/images/store/index.js';

// The diff_ids of the example image configuration in the OCI image spec (config.md).
const diffIds = [
  'sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1',
  'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef',
];

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

describe('chainIds', () => {
  it('gives the bottom layer its DiffID, and each layer above sha256(ChainID below + " " + DiffID)', () => {
    const [bottom, top] = diffIds as [string, string];
    const third = 'sha256:' + 'ab'.repeat(32);
    const second = sha256(`${bottom} ${top}`);
    expect(chainIds([...diffIds, third])).toEqual([bottom, second, sha256(`${second} ${third}`)]);
  });

  it('gives the OCI spec example the same ChainIDs on every run', () => {
    // sha256 of "sha256:c6f9...bbd1 sha256:5f70...c6ef", computed once with sha256sum and pinned.
    expect(chainIds(diffIds)).toEqual([diffIds[0], 'sha256:c3191d32a37d7159b2e30830937d2e30268ad6c375a773a8994911a3aba9b93f']);
  });

  it('is empty for an image without layers', () => {
    expect(chainIds([])).toEqual([]);
  });

  it('links each layer to the ChainID below it', () => {
    const links = layerChain(diffIds);
    expect(links[0]).toEqual({ chainId: diffIds[0], diffId: diffIds[0] });
    expect(links[1]).toEqual({ chainId: chainIds(diffIds)[1], diffId: diffIds[1], parent: diffIds[0] });
  });

  it('refuses a DiffID that is not a digest', () => {
    expect(() => chainIds(['c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1'])).toThrow(/not a valid content digest/);
  });
});
