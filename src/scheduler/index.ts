/**
 * The scheduler: turns a loaded project into engine calls. Observe the project's resources by
 * label, plan (pure: desired and observed state in, a DAG of operations with causes out), execute
 * (independent steps in parallel, `depends_on` conditions honoured). It talks to engines only
 * through src/api's client. The CLI and the TUI use what is exported here, nothing else.
 */
export { composeLabels, projectFilter } from './contract/labels.js';
export { bareName, containerName, oneOffContainerName } from './contract/names.js';
export { progressEvent, type BuildLine, type ProgressEvent, type ProgressSink, type ProgressStatus, type ResourceKind } from './contract/progress.js';
export type { ComposeSession } from './contract/session.js';

export { observeContainers, observeProject, type ObservedContainer, type ObservedState } from './observe/observed-state.js';
export type { Operation, Plan } from './plan/operations.js';
export { planText } from './plan/plan-text.js';
export { planUp, type UpPlanInput, type UpPlanOptions } from './plan/plan-up.js';
export { planDown, type DownPlanInput, type DownPlanOptions } from './plan/plan-down.js';
export { planImages, type BuildOption, type ImagePlanOptions, type PullOption } from './plan/plan-images.js';
export { dependenciesOf, startOrder, withDependencies } from './plan/service-graph.js';
export { serviceImage } from './desired/service-image.js';
export { environmentList } from './desired/container-process.js';
export { executePlan, type ExecutionResult } from './execute/executor.js';

export { defaultUpOptions, up, type UpOptions, type UpResult } from './operations/up.js';
export { down, type DownOptions } from './operations/down.js';
export { streamProjectLogs, type LogLine, type ProjectLogOptions } from './logs/follow-logs.js';
export { withProjectLock } from './lock/project-lock.js';
export { changeContainers, type LifecycleAction, type LifecycleOptions } from './operations/lifecycle.js';
export { planLifecycle } from './plan/plan-lifecycle.js';
export { waitUntilReady } from './operations/wait-ready.js';
export { listProjects, type ProjectSummary } from './operations/list-projects.js';
export type { OneOffOptions } from './desired/container-request.js';
export { createOneOff, type OneOffContainer, type OneOffRunOptions } from './operations/one-off.js';
export { serviceContainer, serviceContainers, type ServiceContainerQuery } from './operations/service-container.js';
export { startServices, type StartOptions } from './operations/start.js';
export { restartServices, withRestartDependents, type RestartOptions } from './operations/restart.js';
export { removeStoppedContainers, type RemoveStoppedOptions, type RemoveStoppedResult } from './operations/remove-stopped.js';
export { pullServices, planServicePulls, type PullServicesOptions } from './operations/pull.js';
export { pushServices, planPushes, type PlannedPush, type PushServicesOptions } from './operations/push.js';
export { buildServices, planBuilds, type BuildServicesOptions, type BuildServicesResult } from './operations/build.js';
export { mergeBuildArgs, parseBuildArgEntries } from './desired/build-args.js';
export type { BuildSettings } from './desired/build-request.js';
export { waitForExit, type ContainerExit, type WaitForExitOptions } from './operations/wait-exit.js';
