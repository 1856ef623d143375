import type { Project } from '../model/index.js';
import { map, str, type GoNode } from './go-node.js';
import { compareBytes } from './natural-order.js';
import { marshalAny, marshalStruct, sortKeys, type Flavor } from './marshal.js';
import { fileObjectShape, modelShape, networkShape, volumeShape } from './resource-shape.js';
import { serviceShape } from './service-shape.js';
import type { StructShape } from './shape.js';

const resourceSections: ReadonlyArray<readonly [keyof Project & string, StructShape]> = [
  ['networks', networkShape],
  ['volumes', volumeShape],
  ['secrets', fileObjectShape],
  ['configs', fileObjectShape],
  ['models', modelShape],
];

/**
 * The project as compose-go's `Project.MarshalYAML`/`MarshalJSON` see it. YAML keeps the struct
 * order (`name`, `services`, `networks`, `volumes`, `secrets`, `configs`, `models`, then `x-*`);
 * JSON is built from a Go map, so its top-level keys come out sorted.
 */
export function marshalProject(project: Project, flavor: Flavor): GoNode {
  const entries: Array<[string, GoNode]> = [];
  if (project.name !== '' || flavor === 'json') entries.push(['name', str(project.name)]);
  entries.push(['services', marshalSection(project.services, serviceShape, flavor, () => new Set())]);
  for (const [section, shape] of resourceSections) {
    const resources = project[section] as Readonly<Record<string, unknown>> | undefined;
    if (!resources || Object.keys(resources).length === 0) continue;
    entries.push([section, marshalSection(resources, shape, flavor, (resource) => hiddenKeys(section, resource))]);
  }
  const extensions = sortKeys(Object.keys(project).filter((key) => key.startsWith('x-')), flavor);
  for (const key of extensions) entries.push([key, marshalAny((project as unknown as Record<string, unknown>)[key], flavor)]);
  if (flavor === 'json') entries.sort(([a], [b]) => compareBytes(a, b));
  return map(entries);
}

function marshalSection(
  items: Readonly<Record<string, unknown>>,
  shape: StructShape,
  flavor: Flavor,
  hidden: (item: Readonly<Record<string, unknown>>) => ReadonlySet<string>,
): GoNode {
  return map(sortKeys(Object.keys(items), flavor).map((key) => {
    const item = (items[key] ?? {}) as Readonly<Record<string, unknown>>;
    return [key, marshalStruct(item, shape, flavor, hidden(item))];
  }));
}

/**
 * compose-go never prints a secret's inline `content` (it may be sensitive), nor a config's
 * when it was read from an environment variable.
 */
function hiddenKeys(section: string, resource: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  if (section === 'secrets') return new Set(['content']);
  if (section === 'configs' && typeof resource.environment === 'string' && resource.environment !== '') return new Set(['content']);
  return new Set();
}
