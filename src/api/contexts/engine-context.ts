/**
 * A context names an engine, as `docker context` does. berth sees three kinds: the built-in
 * `default` (berth's own engine, never stored), the ones in berth's own store, and the docker
 * CLI's, which berth reads but never changes.
 */
export type ContextStoreKind = 'built-in' | 'berth' | 'docker';

export interface EngineContext {
  name: string;
  description: string;
  /** The docker endpoint's `Host` as stored (`unix:///...`, `tcp://...`, or a scheme berth refuses); '' when absent. */
  host: string;
  skipTlsVerify: boolean;
  store: ContextStoreKind;
  readOnly: boolean;
  /** The docker CLI keeps certificates beside a context; berth cannot use them yet. */
  hasTlsMaterial: boolean;
  /** Where it lives on disk (`<built-in>` for default), as `docker context inspect` reports it. */
  storage: { metadataPath: string; tlsPath: string };
  /** The stored `Metadata` and `Endpoints` objects, kept whole so `inspect` shows what is on disk. */
  metadata: Record<string, unknown>;
  endpoints: Record<string, unknown>;
}

/** The on-disk `meta.json` of the docker CLI's context store, which berth writes too. */
export interface ContextMetadataFile {
  Name: string;
  Metadata: { Description?: string };
  Endpoints: { docker: { Host: string; SkipTLSVerify: boolean } };
}
