import type { Project } from '../model/index.js';
import { emitJson } from './emit-json.js';
import { emitYaml } from './emit-yaml.js';
import { marshalAny } from './marshal.js';
import { marshalProject } from './marshal-project.js';

export type RenderFormat = 'yaml' | 'json';

/**
 * The project as `docker compose config` prints it: compose-go's key order and value forms,
 * YAML as Go's yaml.v3 writes it or JSON as Go's `json.MarshalIndent` does. Like Compose, every
 * `$` is doubled, so the output reads back to the same project without being interpolated again.
 */
export function renderProject(project: Project, format: RenderFormat): string {
  const text = format === 'json' ? emitJson(marshalProject(project, 'json')) : emitYaml(marshalProject(project, 'yaml'));
  return text.replaceAll('$', () => '$$');
}

/**
 * A raw compose document (before normalization) as Go prints a `map[string]any`: every map's
 * keys sorted, values as written. `$` is left alone: the document may still hold variables.
 */
export function renderDocument(document: unknown, format: RenderFormat): string {
  return format === 'json' ? emitJson(marshalAny(document, 'json')) : emitYaml(marshalAny(document, 'yaml'));
}
