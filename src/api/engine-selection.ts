import { BerthError, usageError } from '../errors/index.js';
import { ContextCatalogue, defaultContextName, nonEmpty, type EngineContext, type Environment } from './contexts/index.js';
import { defaultBerthSocket, parseEndpoint, type EngineEndpoint } from './endpoint.js';

export interface EngineSelectionOptions {
  /** `-H, --host`. */
  host?: string;
  /** `--context`. */
  context?: string;
  env: Environment;
  /** berth's configuration directory; BERTH_CONFIG or ~/.config/berth when left out. */
  configDir?: string;
}

export interface EngineSelection {
  endpoint: EngineEndpoint;
  /** Where the choice came from, for messages: `-H`, `BERTH_HOST`, `DOCKER_HOST`, `context "dev"`, `default`. */
  source: string;
}

/**
 * Chooses the engine berth talks to, in the docker CLI's order (cli/command/cli.go), with berth's
 * own variables before Docker's:
 *
 * 1. `-H/--host` or `--context` (giving both is an error, as in the docker CLI; a flag beats any variable)
 * 2. `BERTH_HOST`, then `DOCKER_HOST`
 * 3. `BERTH_CONTEXT`, then `DOCKER_CONTEXT`
 * 4. the current context (`currentContext` in berth's config.json)
 * 5. `default`: berth's own engine socket
 */
export function selectEngine(options: EngineSelectionOptions): EngineSelection {
  refuseHostWithContext(options);
  if (options.host) return { endpoint: parseEndpoint(options.host, '-H'), source: '-H' };
  if (!options.context) {
    for (const variable of ['BERTH_HOST', 'DOCKER_HOST']) {
      const value = nonEmpty(options.env, variable);
      if (value !== undefined) return { endpoint: parseEndpoint(value, variable), source: variable };
    }
  }
  const current = currentContextName(options);
  if (current.source === 'default') return { endpoint: { kind: 'unix', socketPath: defaultBerthSocket }, source: 'default' };
  const context = new ContextCatalogue(options).get(current.name);
  const source = `context "${context.name}"`;
  return { endpoint: endpointOf(context, source), source };
}

/**
 * The context in effect, ignoring -H and the *_HOST variables: `--context`, `BERTH_CONTEXT`,
 * `DOCKER_CONTEXT`, config.json, else `default`. `context ls` stars it and `context show` prints it.
 */
export function currentContextName(options: EngineSelectionOptions): { name: string; source: string } {
  if (options.context) return { name: options.context, source: '--context' };
  for (const variable of ['BERTH_CONTEXT', 'DOCKER_CONTEXT']) {
    const value = nonEmpty(options.env, variable);
    if (value !== undefined) return { name: value, source: variable };
  }
  const stored = new ContextCatalogue(options).storedCurrent();
  return stored === defaultContextName ? { name: stored, source: 'default' } : { name: stored, source: 'config.json' };
}

/** The variable that overrides every context but `--context`, if one is set: BERTH_HOST, then DOCKER_HOST. */
export function hostVariableInEffect(env: Environment): 'BERTH_HOST' | 'DOCKER_HOST' | undefined {
  if (nonEmpty(env, 'BERTH_HOST') !== undefined) return 'BERTH_HOST';
  if (nonEmpty(env, 'DOCKER_HOST') !== undefined) return 'DOCKER_HOST';
  return undefined;
}

/** `-H` and `--context` both name an engine; the docker CLI refuses the pair, and so does berth. */
export function refuseHostWithContext(options: { host?: string; context?: string }): void {
  if (options.host && options.context) {
    throw new BerthError({
      code: 'ENGINE_OPTIONS_CONFLICT',
      kind: 'usage',
      message: `conflicting options: -H ${JSON.stringify(options.host)} and --context ${JSON.stringify(options.context)} both choose the engine`,
      hint: 'give only one of them',
    });
  }
}

function endpointOf(context: EngineContext, source: string): EngineEndpoint {
  if (context.store === 'built-in') return { kind: 'unix', socketPath: defaultBerthSocket };
  if (context.host === '') {
    throw new BerthError({
      code: 'CONTEXT_NO_ENDPOINT',
      kind: 'usage',
      message: `${source} has no docker endpoint (no "Host" in ${context.storage.metadataPath}/meta.json)`,
      hint: 'choose another context, or recreate this one with a host',
    });
  }
  if (context.hasTlsMaterial) {
    throw usageError(
      `${source} connects with TLS certificates (${context.storage.tlsPath}), which berth does not support yet`,
      'reach that engine through a unix socket or plain tcp://, or choose another context',
    );
  }
  return parseEndpoint(context.host, source);
}
