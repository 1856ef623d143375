import type { DependencyCondition } from '../../compose-spec/index.js';
import type { Replica } from './replica.js';

/** What the UI knows of a service from the compose file. */
export interface ServiceSpec {
  name: string;
  /** The image reference the service runs: its `image`, or `<project>-<service>` when it builds. */
  image: string;
  hasBuild: boolean;
  dependsOn: Array<{ service: string; condition: DependencyCondition }>;
}

/** A row group of the services panel. */
export interface ServiceView {
  spec: ServiceSpec;
  replicas: Replica[];
  /** `db (healthy)`: the depends_on conditions still pending while the service has not started. */
  waitingOn: string[];
  /** The step `up` is on for this service: `Pulling 12.3MB/40MB`, `Creating`, `Waiting`. */
  progress?: string;
}

/** Whether a dependency's replicas meet a depends_on condition yet. */
export function conditionMet(replicas: readonly Replica[], condition: DependencyCondition): boolean {
  switch (condition) {
    case 'service_healthy':
      return replicas.some((replica) => replica.state === 'healthy');
    case 'service_completed_successfully':
      return replicas.length > 0 && replicas.every((replica) => replica.state === 'exited' && replica.exitCode === 0);
    default:
      return replicas.some((replica) => ['running', 'starting', 'healthy', 'unhealthy', 'exited'].includes(replica.state));
  }
}

const conditionWords: Record<DependencyCondition, string> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/**
 * The services in the order given, each with its replicas and, while it has not started, the
 * dependencies it is still waiting on.
 */
export function serviceViews(specs: readonly ServiceSpec[], replicas: ReadonlyMap<string, readonly Replica[]>, progress: ReadonlyMap<string, string>): ServiceView[] {
  return specs.map((spec) => {
    const own = [...(replicas.get(spec.name) ?? [])].sort((a, b) => a.number - b.number);
    const started = own.some((replica) => replica.state !== 'created');
    const waitingOn = started
      ? []
      : spec.dependsOn
          .filter((dependency) => !conditionMet(replicas.get(dependency.service) ?? [], dependency.condition))
          .map((dependency) => `${dependency.service} (${conditionWords[dependency.condition]})`);
    const step = progress.get(spec.name);
    return { spec, replicas: own, waitingOn, ...(step !== undefined && { progress: step }) };
  });
}
