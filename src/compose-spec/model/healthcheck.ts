import type { Duration, Extensions } from './common.js';

export interface HealthCheckConfig extends Extensions {
  /** `["CMD", ...]`, `["CMD-SHELL", "command"]` or `["NONE"]`. */
  readonly test?: readonly string[];
  readonly timeout?: Duration;
  readonly interval?: Duration;
  readonly retries?: number;
  readonly start_period?: Duration;
  readonly start_interval?: Duration;
  readonly disable?: boolean;
}
