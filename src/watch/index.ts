/**
 * Watch: Compose's `develop.watch`. The files of each rule are followed (chokidar), changes are
 * gathered into batches per service, and each batch syncs files into the running containers
 * through the engine's archive API, restarts, runs a command, or rebuilds and recreates, through
 * the scheduler. The CLI and the TUI use what is exported here.
 */
export { watchProject, type ProjectWatch, type WatchControl, type WatchOptions } from './watch-project.js';
export type { WatchEvent, WatchSink } from './watch-events.js';
export type { WatchAction } from './watch-rules.js';
export { describeWatchEvent } from './describe-event.js';
export { backgroundWatchFiles, findBackgroundWatch, recordBackgroundWatch, stopBackgroundWatch, type BackgroundWatch } from './background-watch.js';
