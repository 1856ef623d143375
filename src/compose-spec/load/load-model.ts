import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { findComposeFiles, stdinFile } from '../discovery/find-compose-files.js';
import { resolveProjectEnvironment } from '../environment/index.js';
import { mergeDocuments } from '../merge/index.js';
import { resolveRelativePaths } from '../paths/index.js';
import { loadComposeFile, placeErrorsIn, throwFirstSchemaIssue, type ComposeDocument, type FileContext } from './load-file.js';
import type { LoadOptions } from './load-options.js';
import { SourceFiles } from './source-files.js';

/** The merged compose document of a project, before normalization. */
export interface LoadedModel {
  model: ComposeDocument;
  files: string[];
  projectDirectory: string;
  environment: Readonly<Record<string, string>>;
  envFiles: string[];
  /** Places an error found at a document path in the file it came from. */
  place: ReturnType<typeof placeErrorsIn>;
}

/**
 * Phases 1 to 7: find the files, build the environment, read each file (parse, interpolate,
 * validate, include, extends), merge them in order, validate the result and resolve its
 * relative paths against the project directory.
 */
export async function loadComposeModel(options: LoadOptions): Promise<LoadedModel> {
  const warn = options.warn ?? (() => {});
  const sources = new SourceFiles(options.readStdin ?? (() => readFileSync(0, 'utf8')));
  const startDirectory = options.projectDirectory ? resolve(options.workingDir, options.projectDirectory) : options.workingDir;

  // --env-file paths are relative to where berth runs, whichever directory the .env files are read from.
  const envFiles = options.envFiles?.map((path) => resolve(options.workingDir, path));
  // COMPOSE_FILE and friends may come from the .env of the directory berth starts in.
  const bootstrap = resolveProjectEnvironment({
    processEnv: options.processEnv,
    workingDir: startDirectory,
    projectDir: startDirectory,
    envFiles,
    warn,
  });
  const files = findComposeFiles({
    workingDir: options.workingDir,
    files: options.files,
    projectDirectory: options.projectDirectory,
    environment: bootstrap.environment,
    warn,
  });
  const firstFile = files[0]!;
  const projectDirectory = options.projectDirectory
    ? startDirectory
    : firstFile === stdinFile ? options.workingDir : dirname(firstFile);
  // As in Compose, the .env where berth runs counts only when no file or directory was named.
  const named = Boolean(options.files?.length || options.projectDirectory);
  const { environment, envFiles: envFilesRead } = projectDirectory === startDirectory
    ? bootstrap
    : resolveProjectEnvironment({
        processEnv: options.processEnv,
        workingDir: named ? projectDirectory : options.workingDir,
        projectDir: projectDirectory,
        envFiles,
        warn,
      });

  const validate = options.validate ?? true;
  const unset = new Set<string>();
  const onUnset = (variable: string): void => {
    if (unset.has(variable)) return;
    unset.add(variable);
    warn(`The "${variable}" variable is not set. Defaulting to a blank string.`);
  };
  const loadFiles = async (modelFiles: string[], directory: string, modelEnvironment: Readonly<Record<string, string>>, chain: string[]): Promise<ComposeDocument> => {
    const context: FileContext = {
      sources,
      environment: modelEnvironment,
      projectDirectory: directory,
      interpolate: options.interpolate ?? true,
      validate,
      chain,
      onUnset,
      warn,
      loadIncluded: async (request) => {
        // applyIncludes has refused cycles already; the included files get their own env files.
        const included = resolveProjectEnvironment({
          processEnv: modelEnvironment,
          workingDir: request.projectDirectory,
          projectDir: request.projectDirectory,
          envFiles: request.envFiles,
        });
        return loadFiles(request.files, request.projectDirectory, included.environment, request.chain);
      },
    };
    const layers: ComposeDocument[] = [];
    for (const file of modelFiles) layers.push(...(await loadComposeFile(file, context)));
    const merged = mergeDocuments(layers);
    if (options.resolvePaths ?? true) resolveRelativePaths(merged, directory);
    return merged;
  };

  const model = await loadFiles(files, projectDirectory, environment, []);
  const place = placeErrorsIn(model, sources);
  if (validate) await place.around(async () => throwFirstSchemaIssue(model));
  return {
    model,
    files: files.map((file) => (file === stdinFile ? '(stdin)' : file)),
    projectDirectory,
    environment,
    envFiles: envFilesRead,
    place,
  };
}
