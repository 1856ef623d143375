import type { Extensions } from './common.js';
import type { ServiceHook } from './service-misc.js';

/** `sync`, `rebuild`, `restart`, `sync+restart` or `sync+exec`. */
export type WatchAction = string;

export interface WatchTrigger extends Extensions {
  readonly path: string;
  readonly action: WatchAction;
  readonly target?: string;
  readonly exec?: ServiceHook;
  readonly ignore?: readonly string[];
  readonly include?: readonly string[];
  readonly initial_sync?: boolean;
}

export interface DevelopConfig extends Extensions {
  readonly watch?: readonly WatchTrigger[];
}
