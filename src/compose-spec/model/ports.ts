import type { Extensions } from './common.js';

/** One published or exposed container port, in long syntax. */
export interface ServicePortConfig extends Extensions {
  readonly name?: string;
  /** `ingress` (default) or `host`. */
  readonly mode: string;
  readonly host_ip?: string;
  readonly target: number;
  /** A host port or range (`"8080"`, `"8000-8010"`), always a string. */
  readonly published?: string;
  /** `tcp` (default), `udp` or `sctp`. */
  readonly protocol: string;
  readonly app_protocol?: string;
}
