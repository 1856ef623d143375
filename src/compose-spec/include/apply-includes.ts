import { ComposeError } from '../compose-error.js';
import type { Mapping } from '../merge/index.js';
import { importResources } from './import-resources.js';
import { readIncludeEntry } from './include-entry.js';

export interface IncludeRequest {
  /** Absolute paths: the included model's file, then its overrides. */
  files: string[];
  /** Absolute: where the included model's relative paths start. */
  projectDirectory: string;
  /** Absolute paths of the env files to interpolate the included files with (may be empty). */
  envFiles: string[];
}

export interface IncludeContext {
  /** The file whose document this is; the last link of include cycle messages. */
  file: string;
  /** Where relative `include` paths start: the including model's project directory. */
  projectDirectory: string;
  /**
   * Loads an included model as a project of its own: parse and interpolate its files with its
   * environment, apply their own includes (with a chain that ends with `files[0]`) and extends,
   * merge them, and resolve their relative paths against `projectDirectory`.
   */
  loadIncluded(request: IncludeRequest): Promise<Record<string, unknown>>;
  /** The files that led here through `include`, outermost first (`file` may be the last one). */
  chain: string[];
}

/**
 * Phase "include": loads every model the document's `include` names, in order, copies their
 * resources in (see import-resources.ts) and removes `include`. Mutates `document`.
 */
export async function applyIncludes(document: Record<string, unknown>, context: IncludeContext): Promise<void> {
  const entries = document.include;
  if (entries === undefined || entries === null) {
    delete document.include;
    return;
  }
  if (!Array.isArray(entries)) {
    throw new ComposeError({
      code: 'COMPOSE_INCLUDE',
      message: 'include must be a list',
      path: ['include'],
      expected: 'a list of paths or {path, project_directory, env_file} mappings',
      hint: 'write include:\n  - other/compose.yaml',
    });
  }
  const chain = context.chain.at(-1) === context.file ? context.chain : [...context.chain, context.file];
  for (const [index, entry] of entries.entries()) {
    const request = readIncludeEntry(entry, index, context.projectDirectory);
    const first = request.files[0]!;
    if (chain.includes(first)) {
      throw new ComposeError({
        code: 'COMPOSE_INCLUDE_CYCLE',
        message: `include cycle detected: ${[...chain, first].join(' includes ')}`,
        path: ['include', index],
        hint: 'remove one of these include entries so that no file includes itself',
      });
    }
    importResources(document as Mapping, await context.loadIncluded(request));
  }
  delete document.include;
}
