/** What keeps a container going: restart policies with back-off, and health checks on their schedule. */
export { decideRestart, initialRestartState, restartsWithEngine, type ContainerExit, type RestartDecision, type RestartState } from './restart-policy.js';
export { healthSchedule, initialHealth, nextProbeDelay, recordProbe, type HealthResult, type HealthSchedule, type HealthState, type HealthStatus } from './health-state.js';
export { HealthMonitor, type HealthMonitorOptions, type HealthProbe } from './health-monitor.js';
