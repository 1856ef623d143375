import { dirname } from 'node:path';
import { ComposeError } from '../compose-error.js';
import { applyExtends } from '../extends/index.js';
import { applyIncludes } from '../include/index.js';
import { interpolateTree } from '../interpolation/index.js';
import { castToSchemaTypes, validateComposeDocument } from '../schema/index.js';
import { parseComposeYaml } from '../source/parse-yaml.js';
import { locate } from '../source/node-meta.js';
import type { SourceFiles } from './source-files.js';

export type ComposeDocument = Record<string, unknown>;

/** What every file of one model is read with. */
export interface FileContext {
  sources: SourceFiles;
  environment: Readonly<Record<string, string>>;
  /** The directory relative paths in these files start from. */
  projectDirectory: string;
  interpolate: boolean;
  validate: boolean;
  /** Include chain, for cycle errors. */
  chain: string[];
  /** Called for each variable used but not set (the loader warns once per name). */
  onUnset(variable: string): void;
  warn(message: string): void;
  /** Loads the files an `include` names, as a model of their own. */
  loadIncluded(request: { files: string[]; projectDirectory: string; envFiles: string[]; chain: string[] }): Promise<ComposeDocument>;
}

/**
 * Phases 1 to 5 for one file: parse, interpolate, cast, validate against the schema, then resolve
 * its `include` and `extends`. Each YAML document of the file comes back as one layer to merge.
 */
export async function loadComposeFile(file: string, context: FileContext): Promise<ComposeDocument[]> {
  const layers = readComposeFile(file, context);
  for (const { document, name, place } of layers) {
    await place.around(async () => {
      await applyIncludes(document, {
        file: name,
        // Compose resolves include paths against the project directory, not the including file's.
        projectDirectory: context.projectDirectory,
        chain: [...context.chain, name],
        loadIncluded: (request) => context.loadIncluded({ ...request, chain: [...context.chain, name] }),
      });
      await applyExtends(document, {
        file: name,
        baseDirectory: name === '(stdin)' ? context.projectDirectory : dirname(name),
        // A base service's file is only read, not extended or included: applyExtends follows
        // chains across files itself, and this keeps a cycle between two files finite.
        loadFile: async (path) => readComposeFile(path, context)[0]?.document ?? {},
      });
    });
  }
  return layers.map((layer) => layer.document);
}

interface ReadDocument {
  document: ComposeDocument;
  name: string;
  place: Placer;
}

/** Phases 1 to 4: parse, interpolate, cast and validate each YAML document of a file. */
function readComposeFile(file: string, context: FileContext): ReadDocument[] {
  const { name, text } = context.sources.read(file);
  const read: ReadDocument[] = [];
  for (const document of parseComposeYaml(text, name).documents) {
    if (document === null || document === undefined) continue;
    const place = placeErrorsIn(document, context.sources);
    if (typeof document !== 'object' || Array.isArray(document)) {
      throw place(new ComposeError({
        code: 'COMPOSE_SCHEMA',
        message: 'the top level of a compose file must be a mapping',
        expected: 'keys such as services:, networks:, volumes:',
        hint: 'start the file with "services:"',
      }));
    }
    const model = document as ComposeDocument;
    place.sync(() => {
      if (context.interpolate) {
        interpolateTree(model, { lookup: (variable) => context.environment[variable], onUnset: context.onUnset });
      }
      // Compose casts typed values ("true", "3") whether or not they were interpolated.
      castToSchemaTypes(model, { warn: context.warn });
      if (context.validate) throwFirstSchemaIssue(model);
    });
    read.push({ document: model, name, place });
  }
  if (read.length === 0) {
    throw new ComposeError({
      code: 'COMPOSE_EMPTY_FILE',
      message: `empty compose file: ${name}`,
      hint: 'add a services: section to it, or stop naming it with -f/--file or COMPOSE_FILE',
    });
  }
  return read;
}

/** Validates a whole document and throws its first problem, placed where it stands. */
export function throwFirstSchemaIssue(document: ComposeDocument): void {
  const [issue] = validateComposeDocument(document);
  if (issue) {
    throw new ComposeError({ code: 'COMPOSE_SCHEMA', message: issue.message, path: issue.path, expected: issue.expected, hint: issue.hint });
  }
}

type Placer = ((error: ComposeError) => ComposeError) & {
  around<T>(work: () => Promise<T>): Promise<T>;
  sync<T>(work: () => T): T;
};

/** Gives a ComposeError that knows only its document path the file, line and column it came from. */
export function placeErrorsIn(root: unknown, sources: SourceFiles): Placer {
  const place = (error: ComposeError): ComposeError => {
    if (error.position || !error.path) return error.position && !error.excerpt ? error.at(error.position, sources.excerpt(error.position)) : error;
    const position = locate(root, error.path);
    return error.at(position, sources.excerpt(position));
  };
  const around = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof ComposeError ? place(error) : error;
    }
  };
  const sync = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw error instanceof ComposeError ? place(error) : error;
    }
  };
  return Object.assign(place, { around, sync });
}
