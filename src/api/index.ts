/**
 * berth's Engine API client: the one way the scheduler and the commands talk to an engine
 * (berth's daemon or any dockerd). Connect with `EngineClient.connect(endpoint)`.
 */
export { defaultBerthSocket, formatEndpoint, parseEndpoint, type EngineEndpoint } from './endpoint.js';

export { EngineClient, type ConnectOptions } from './client/engine-client.js';
export { berthApiVersion, compareApiVersions, negotiateApiVersion } from './client/api-version.js';
export { EngineError, classifyStatus, engineErrorFrom, streamedEngineError, type FailedRequest } from './client/engine-error.js';
export { engineUnavailable } from './client/engine-unavailable.js';
export { streamJsonLines, type JsonByteSource } from './client/json-lines.js';
export { encodeFilters, encodeQuery, type Query, type QueryValue } from './client/query.js';
export type { EngineRequest, EngineRequester } from './client/request.js';
export type { HttpMethod, RequestBody } from './client/transport.js';

export type { ContainersApi, ContainerArchive, ContainerCreateOptions, ContainerListOptions, ContainerLogsOptions, ContainerWaitOptions, PendingWait } from './client/containers.js';
export { buildQuery, buildSecretsHeader, encodeBuildSecrets } from './client/image-build.js';
export { isBerthEngine } from './client/system.js';
export { splitReference, type ImagesApi, type ImageImportOptions, type ImagePullOptions, type ImagePushOptions } from './client/images.js';
export type { NetworksApi } from './client/networks.js';
export type { VolumesApi } from './client/volumes.js';
export type { ExecApi } from './client/exec.js';
export type { EventsOptions } from './client/events.js';

export type * from './types/build.js';
export type * from './types/common.js';
export type * from './types/containers.js';
export type * from './types/events.js';
export type * from './types/exec.js';
export type * from './types/images.js';
export type * from './types/networks.js';
export type * from './types/system.js';
export type * from './types/volumes.js';

// Hijacked and multiplexed streams: exec, attach and logs.
export { demultiplex, frame, outputChunks, rawOutput, type ByteSource, type StdStream, type StreamChunk } from './client/multiplexed-stream.js';
export { splitLines, type OutputLine } from './client/multiplexed-lines.js';
export { hijack, type HijackedStream, type HijackRequest } from './client/hijack.js';
export type { StdioSession } from './client/hijack-session.js';
export { startExec, type ExecSession } from './client/exec-session.js';
export { attachContainer, type AttachSession } from './client/attach.js';

// Which engine to talk to: -H, BERTH_HOST, DOCKER_HOST, contexts, berth's own socket.
export { currentContextName, hostVariableInEffect, refuseHostWithContext, selectEngine, type EngineSelection, type EngineSelectionOptions } from './engine-selection.js';
export { ContextCatalogue, defaultContext, defaultContextName, type EngineContext } from './contexts/index.js';
