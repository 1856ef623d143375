export { pullImage, type PullOptions, type PulledImage } from './pull-image.js';
export type { PullProgress } from './pull-progress.js';
export { pullJsonMessages } from './json-messages.js';
export { dockerProgressBar } from './docker-progress-bar.js';
