import { parseDigest, sha256Digest } from './digest.js';

/** One layer of an image as the store keeps it: its identity in the stack and what it sits on. */
export interface LayerLink {
  chainId: string;
  diffId: string;
  /** The ChainID of the layer below; absent for the bottom layer. */
  parent?: string;
}

/**
 * The ChainID of a layer given its DiffID and the ChainID below it (OCI image spec, config.md):
 * the bottom layer's ChainID is its DiffID, each layer above is `sha256(ChainID(below) + " " +
 * DiffID)` over the full `algorithm:hex` strings. A ChainID names a whole stack, so two images
 * share an unpacked layer only when everything beneath it is the same too.
 */
export function chainIdOf(diffId: string, parent: string | undefined): string {
  parseDigest(diffId);
  return parent === undefined ? diffId : sha256Digest(`${parent} ${diffId}`);
}

/** The layers of an image, bottom first, from its config's `rootfs.diff_ids`. */
export function layerChain(diffIds: readonly string[]): LayerLink[] {
  const links: LayerLink[] = [];
  let parent: string | undefined;
  for (const diffId of diffIds) {
    const chainId = chainIdOf(diffId, parent);
    links.push(parent === undefined ? { chainId, diffId } : { chainId, diffId, parent });
    parent = chainId;
  }
  return links;
}

export function chainIds(diffIds: readonly string[]): string[] {
  return layerChain(diffIds).map((link) => link.chainId);
}
