export { pushImage, type PushedImage, type PushOptions } from './push-image.js';
export type { PushProgress } from './push-progress.js';
