/**
 * Containers under a monitor: OCI bundles run by runc with conmon as each container's parent,
 * so a container outlives the engine, and its log read back with Docker's json-file semantics.
 * See ContainerMonitor for the lifecycle and readLogs for the log.
 */
export { ContainerMonitor, type ContainerMonitorConfig, type ContainerObservation } from './container-monitor.js';
export type { ContainerHandle, CreateContainerOptions, CreatedContainer } from './create-container.js';
export type { ExitStatus } from './exit-status.js';
export { runExec, type ExecOptions, type ExecResult, type ExecSession, type OciProcess } from './exec-process.js';
export type { StdinAttachment } from './attach.js';
export type { RuncState } from './runc/runc-state.js';
export { readLogs, type ReadLogsOptions } from './logs/read-logs.js';
export { logRecords, recordBytes, type LogRecordsOptions } from './logs/log-records.js';
export type { LogMessage } from './logs/message-joiner.js';
export type { LogStream } from './logs/log-record.js';
export { LogRotation, type LogLimits } from './logs/log-rotation.js';
export { removeLogFiles } from './logs/log-file-set.js';
export { formatLogTimestamp, parseLogTimestamp } from './logs/log-timestamps.js';
