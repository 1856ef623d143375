/**
 * The terminal UI (ink): every service's state, health and logs, live, with one-key actions. The
 * CLI opens it for `berth up` on a terminal and for `berth tui`; it reads the engine through the
 * scheduler and the API client, like every other command.
 */
export { openTui, type OpenTuiOptions, type OpenedTui } from './open-tui.js';
export type { TuiExit } from './terminal-ui.js';
