export { unpackLayer } from './unpack-layer.js';
export type { UnpackLayerOptions } from './unpack-layer.js';
export type { WhiteoutCounts } from './whiteouts.js';
