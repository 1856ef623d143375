import type { Extensions } from './common.js';

/** `service_started`, `service_healthy` or `service_completed_successfully`. */
export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface ServiceDependency extends Extensions {
  readonly condition: DependencyCondition;
  /** Restart this service when the dependency is updated. */
  readonly restart?: boolean;
  /** When false, a missing or failing dependency only warns. Always printed. */
  readonly required: boolean;
}
