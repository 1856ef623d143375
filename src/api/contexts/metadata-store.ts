import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import type { ContextMetadataFile, ContextStoreKind, EngineContext } from './engine-context.js';

/**
 * One directory of contexts in the docker CLI's layout (cli/context/store):
 * `contexts/meta/<sha256 of the name>/meta.json`, and certificates under `contexts/tls/<same>/`.
 * berth's own store and the docker CLI's are both read through this class; only berth's is written.
 */
export class ContextMetadataStore {
  constructor(
    /** The configuration directory that holds `contexts/`. */
    readonly configDirectory: string,
    readonly kind: Exclude<ContextStoreKind, 'built-in'>,
  ) {}

  private get metaRoot(): string {
    return join(this.configDirectory, 'contexts', 'meta');
  }

  metadataDirectory(name: string): string {
    return join(this.metaRoot, contextDirectoryName(name));
  }

  tlsDirectory(name: string): string {
    return join(this.configDirectory, 'contexts', 'tls', contextDirectoryName(name));
  }

  /** The named context, or undefined when this store has none by that name. */
  read(name: string): EngineContext | undefined {
    const file = join(this.metadataDirectory(name), 'meta.json');
    if (!existsSync(file)) return undefined;
    return this.parse(file);
  }

  /** Every readable context; a file that cannot be read becomes a warning instead of hiding the rest. */
  list(): { contexts: EngineContext[]; warnings: string[] } {
    const contexts: EngineContext[] = [];
    const warnings: string[] = [];
    let entries: string[];
    try {
      entries = readdirSync(this.metaRoot);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { contexts, warnings };
      throw this.unreadable(this.metaRoot, error);
    }
    for (const entry of entries.sort()) {
      const file = join(this.metaRoot, entry, 'meta.json');
      if (!existsSync(file)) continue;
      try {
        contexts.push(this.parse(file));
      } catch (error) {
        warnings.push(error instanceof BerthError ? error.message : String(error));
      }
    }
    return { contexts, warnings };
  }

  write(file: ContextMetadataFile): void {
    const directory = this.metadataDirectory(file.Name);
    try {
      mkdirSync(directory, { recursive: true, mode: 0o755 });
      writeFileAtomic(join(directory, 'meta.json'), JSON.stringify(file), 0o644);
    } catch (error) {
      throw storeWriteFailed(`save context "${file.Name}" in ${directory}`, error);
    }
  }

  remove(name: string): void {
    try {
      rmSync(this.metadataDirectory(name), { recursive: true, force: true });
      rmSync(this.tlsDirectory(name), { recursive: true, force: true });
    } catch (error) {
      throw storeWriteFailed(`remove context "${name}" from ${this.metadataDirectory(name)}`, error);
    }
  }

  private parse(file: string): EngineContext {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw this.unreadable(file, error);
    }
    const name = field(raw, 'Name');
    if (typeof name !== 'string' || name === '') throw this.unreadable(file, new Error('it has no "Name"'));
    const metadata = objectOrEmpty(field(raw, 'Metadata'));
    const endpoints = objectOrEmpty(field(raw, 'Endpoints'));
    const docker = objectOrEmpty(field(endpoints, 'docker'));
    const description = field(metadata, 'Description');
    const host = field(docker, 'Host');
    return {
      name,
      description: typeof description === 'string' ? description : '',
      host: typeof host === 'string' ? host : '',
      skipTlsVerify: field(docker, 'SkipTLSVerify') === true,
      store: this.kind,
      readOnly: this.kind === 'docker',
      hasTlsMaterial: existsSync(join(this.tlsDirectory(name), 'docker')),
      storage: { metadataPath: this.metadataDirectory(name), tlsPath: this.tlsDirectory(name) },
      metadata,
      endpoints,
    };
  }

  private unreadable(path: string, cause: unknown): BerthError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new BerthError({
      code: 'CONTEXT_UNREADABLE',
      kind: 'unavailable',
      message: `cannot read the ${this.kind === 'docker' ? "docker CLI's" : "berth's"} context store at ${path}: ${detail}`,
      hint: this.kind === 'docker' ? 'repair or remove it with the docker CLI (docker context rm)' : 'repair the file, or remove its directory to forget that context',
      cause,
    });
  }
}

export function storeWriteFailed(what: string, cause: unknown): BerthError {
  return new BerthError({
    code: 'CONTEXT_STORE_WRITE_FAILED',
    kind: 'unavailable',
    message: `cannot ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
    hint: 'check that the directory is writable by you, or point BERTH_CONFIG at another directory',
    cause,
  });
}

/** The docker CLI names each context's directory by the sha256 of its name, so any name is a safe path. */
export function contextDirectoryName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

// Go's encoding/json, which wrote these files, matches keys without regard to case; so do we.
function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (key in record) return record[key];
  const match = Object.keys(record).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return match === undefined ? undefined : record[match];
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
