import { formatEndpoint, selectEngine, type EngineClient } from '../api/index.js';
import { loadProject, type LoadedProject } from '../compose-spec/index.js';
import { connectSelectedEngine } from '../daemon/auto-start/index.js';
import { usageError } from '../errors/index.js';
import type { ComposeSession, ProgressSink } from '../scheduler/index.js';
import type { GlobalOptions } from './global-options.js';
import { loadOptionsFrom } from './load-options.js';
import { printWarning } from './print-warning.js';

export interface OpenedSession {
  session: ComposeSession;
  loaded: LoadedProject;
  /** `unix:///run/berth/berth.sock`: the engine, for the project lock and messages. */
  engine: string;
  close(): void;
}

/**
 * Loads the project, then connects to the engine: a compose file that does not load fails before
 * any engine is touched, so a broken file never changes a running stack. Services named on the
 * command line must exist in the project.
 */
export async function openProjectSession(global: GlobalOptions, services: readonly string[], progress: ProgressSink): Promise<OpenedSession> {
  const loaded = await loadProject(loadOptionsFrom(global, services));
  const unknown = services.filter((name) => loaded.project.services[name] === undefined);
  if (unknown.length > 0) {
    throw usageError(
      `no such service: ${unknown.join(', ')}`,
      `the project's services are: ${Object.keys(loaded.project.services).sort().join(', ') || '(none)'}`,
    );
  }
  const client = await connectEngine(global);
  return {
    session: {
      project: loaded.project,
      workingDir: loaded.projectDirectory,
      configFiles: loaded.files,
      environmentFiles: loaded.envFiles,
      environment: loaded.environment,
      client,
      progress,
      warn: printWarning,
    },
    loaded,
    engine: formatEndpoint(client.endpoint),
    close: () => client.close(),
  };
}

/** The engine chosen by -H, --context, the environment or the current context; berth's own is started when it is not running. */
export async function connectEngine(global: GlobalOptions): Promise<EngineClient> {
  const selection = selectEngine({ host: global.host, context: global.context, env: process.env });
  return connectSelectedEngine(selection, process.env, (line) => process.stderr.write(`berth: ${line}\n`));
}
