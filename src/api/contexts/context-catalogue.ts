import { BerthError, usageError } from '../../errors/index.js';
import { defaultBerthSocket, formatEndpoint, parseEndpoint } from '../endpoint.js';
import { berthConfigDirectory, dockerConfigDirectory, type Environment } from './config-directories.js';
import { defaultContextName, validateNewContextName } from './context-name.js';
import { readCurrentContext, writeCurrentContext } from './current-context.js';
import type { EngineContext } from './engine-context.js';
import { ContextMetadataStore } from './metadata-store.js';
import { naturalCompare } from './natural-order.js';

export interface ContextLocations {
  env: Environment;
  /** berth's configuration directory; from BERTH_CONFIG or the home directory when left out. */
  configDir?: string;
}

/** `default` is berth's own engine whatever the environment says; BERTH_HOST and DOCKER_HOST override contexts, not redefine them. */
export function defaultContext(): EngineContext {
  const host = formatEndpoint({ kind: 'unix', socketPath: defaultBerthSocket });
  return {
    name: defaultContextName,
    description: "berth's built-in engine",
    host,
    skipTlsVerify: false,
    store: 'built-in',
    readOnly: true,
    hasTlsMaterial: false,
    storage: { metadataPath: '<built-in>', tlsPath: '<built-in>' },
    metadata: { Description: "berth's built-in engine" },
    endpoints: { docker: { Host: host, SkipTLSVerify: false } },
  };
}

/**
 * Every context berth knows: the built-in `default`, berth's own store (read and written) and the
 * docker CLI's store (read only). A name in berth's store hides the same name in docker's.
 */
export class ContextCatalogue {
  readonly berth: ContextMetadataStore;
  readonly docker: ContextMetadataStore;

  constructor(locations: ContextLocations) {
    this.berth = new ContextMetadataStore(locations.configDir ?? berthConfigDirectory(locations.env), 'berth');
    this.docker = new ContextMetadataStore(dockerConfigDirectory(locations.env), 'docker');
  }

  list(): { contexts: EngineContext[]; warnings: string[] } {
    const own = this.berth.list();
    const docker = this.docker.list();
    const byName = new Map<string, EngineContext>();
    for (const context of [...docker.contexts, ...own.contexts, defaultContext()]) byName.set(context.name, context);
    const contexts = [...byName.values()].sort((a, b) => naturalCompare(a.name, b.name));
    return { contexts, warnings: [...own.warnings, ...docker.warnings] };
  }

  find(name: string): EngineContext | undefined {
    if (name === defaultContextName) return defaultContext();
    return this.berth.read(name) ?? this.docker.read(name);
  }

  /** The named context, or an error that lists the ones that exist. */
  get(name: string): EngineContext {
    const context = this.find(name);
    if (context) return context;
    const known = this.list().contexts.map((candidate) => candidate.name);
    throw new BerthError({
      code: 'CONTEXT_NOT_FOUND',
      kind: 'not-found',
      message: `context "${name}" does not exist; known contexts: ${known.join(', ')}`,
      hint: `create it with "berth context create ${name} --host unix:///path/to.sock", or pick one from "berth context ls"`,
    });
  }

  create(request: { name: string; host: string; description?: string }): EngineContext {
    validateNewContextName(request.name);
    const existing = this.find(request.name);
    if (existing) {
      throw new BerthError({
        code: 'CONTEXT_EXISTS',
        kind: 'conflict',
        message: `context "${request.name}" already exists${existing.store === 'docker' ? " in the docker CLI's contexts" : ''}`,
        hint: existing.store === 'docker' ? 'choose another name; berth already uses the docker CLI\'s context by that name' : `choose another name, or remove it first with "berth context rm ${request.name}"`,
      });
    }
    // Stored in the form berth prints, so `ls` shows `tcp://host:2375` even when the port was left out.
    const host = formatEndpoint(parseEndpoint(request.host, '--host'));
    this.berth.write({
      Name: request.name,
      Metadata: request.description ? { Description: request.description } : {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    });
    return this.get(request.name);
  }

  /**
   * Removes a context from berth's store. The current context is refused unless forced; forcing
   * it sends berth back to `default`, as `docker context rm -f` does. Forcing a missing one is no error.
   */
  remove(name: string, options: { force: boolean; current: string }): void {
    if (name === defaultContextName) throw usageError('context "default" cannot be removed: it is berth\'s own engine', 'remove another context');
    const context = this.find(name) ?? (options.force ? undefined : this.get(name));
    if (!context) return;
    if (context.store === 'docker') {
      throw new BerthError({
        code: 'CONTEXT_READ_ONLY',
        kind: 'conflict',
        message: `context "${name}" belongs to the docker CLI; berth only reads it`,
        hint: `remove it with "docker context rm ${name}"`,
      });
    }
    const stored = this.storedCurrent();
    if (!options.force && (name === options.current || name === stored)) {
      throw new BerthError({
        code: 'CONTEXT_IN_USE',
        kind: 'conflict',
        message: `context "${name}" is in use`,
        hint: `switch first with "berth context use default", or remove it anyway with "berth context rm -f ${name}"`,
      });
    }
    if (name === stored) writeCurrentContext(this.berth.configDirectory, undefined);
    this.berth.remove(name);
  }

  /** The context named in berth's config.json, or `default`. */
  storedCurrent(): string {
    return readCurrentContext(this.berth.configDirectory) ?? defaultContextName;
  }

  /** Makes `name` the current context; the file is left untouched when nothing changes. */
  use(name: string): EngineContext {
    const context = this.get(name);
    if (this.storedCurrent() !== name) writeCurrentContext(this.berth.configDirectory, name === defaultContextName ? undefined : name);
    return context;
  }
}
