export { ContextCatalogue, defaultContext, type ContextLocations } from './context-catalogue.js';
export { berthConfigDirectory, dockerConfigDirectory, nonEmpty, type Environment } from './config-directories.js';
export { defaultContextName, validateNewContextName } from './context-name.js';
export type { ContextMetadataFile, ContextStoreKind, EngineContext } from './engine-context.js';
