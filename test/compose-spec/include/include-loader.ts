import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyIncludes, type IncludeContext, type IncludeRequest } from '../../../src/compose-spec/include/index.js';
import { mergeDocuments } from '../../../src/compose-spec/merge/index.js';
import { resolveRelativePaths } from '../../../src/compose-spec/paths/index.js';
import { parseComposeYaml } from '../../../src/compose-spec/source/parse-yaml.js';

export type Document = Record<string, unknown>;

export function parseFile(file: string): Document {
  return parseComposeYaml(readFileSync(file, 'utf8'), file).documents[0] as Document;
}

/**
 * A loader like berth's for include tests: each included model is read, its own includes
 * applied, its files merged and its paths resolved against its project directory. Every
 * request is recorded in `requests`.
 */
export function contextFor(file: string, projectDirectory: string, chain: string[], requests: IncludeRequest[] = []): IncludeContext {
  return {
    file,
    projectDirectory,
    chain: [...chain, file],
    async loadIncluded(request) {
      requests.push(request);
      const layers: Document[] = [];
      for (const included of request.files) {
        const document = parseFile(included);
        await applyIncludes(document, contextFor(included, request.projectDirectory, [...chain, file], requests));
        layers.push(document);
      }
      const merged = mergeDocuments(layers);
      resolveRelativePaths(merged, request.projectDirectory);
      return merged;
    },
  };
}

/** `compose.yaml` of `project` with its includes applied, merged as a project of one file. */
export async function loadWithIncludes(project: string, requests: IncludeRequest[] = []): Promise<Document> {
  const file = join(project, 'compose.yaml');
  const document = parseFile(file);
  await applyIncludes(document, contextFor(file, project, [], requests));
  return mergeDocuments([document]);
}
