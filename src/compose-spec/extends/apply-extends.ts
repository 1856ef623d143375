import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ComposeError, type DocumentPath } from '../compose-error.js';
import { cloneTree, isMapping, mergeValue, stripMergeTags, type Mapping } from '../merge/index.js';
import { absolutePath, isRemoteResource, resolveRelativePaths } from '../paths/index.js';
import { entryPosition } from '../source/node-meta.js';
import { readExtendsReference } from './extends-reference.js';

export interface ExtendsContext {
  /** The file whose document this is, as it should appear in messages. */
  file: string;
  /** Where a relative `extends.file` starts: the project directory. */
  baseDirectory: string;
  /**
   * Another file's document, parsed and interpolated, nothing more: no include, no extends (this
   * phase follows extends chains across files itself, which is how it sees cycles through them)
   * and no path resolution (done here against that file's directory).
   */
  loadFile(path: string): Promise<Record<string, unknown>>;
}

/** The services of one file, and where that file's relative paths start. */
interface Scope {
  services: Mapping;
  file: string;
  baseDirectory: string;
}

/** One step of an extends chain: `service` of `file`. */
interface Link {
  service: string;
  file: string;
}

/**
 * Phase "extends": every service with `extends` becomes its base service (resolved first, so a
 * base may extend another, in the same file or not) with the service's own attributes merged
 * over it by the rules of merging files. A base taken from another file has that file's relative
 * paths resolved against its own directory. Like compose-go today, every attribute of the base
 * is inherited, `depends_on`, `links`, `volumes_from` and `network_mode: service:` included
 * (Compose 2.32.0 briefly dropped some and reverted in 2.32.2).
 *
 * The service's `!reset` and `!override` entries stay in the result with their tags, for
 * `mergeDocuments` to apply to the project's other files too. `extends` is removed.
 */
export async function applyExtends(document: Record<string, unknown>, context: ExtendsContext): Promise<void> {
  const services = document.services;
  if (!isMapping(services)) return;
  const resolver = new ExtendsResolver(context.loadFile);
  const scope: Scope = { services, file: context.file, baseDirectory: context.baseDirectory };
  for (const name of Object.keys(services)) await resolver.resolve(name, scope, []);
}

class ExtendsResolver {
  /** Other files, loaded once per document and shared by every service that extends from them. */
  private readonly scopes = new Map<string, Promise<Scope>>();

  constructor(private readonly loadFile: ExtendsContext['loadFile']) {}

  /** The service `name` of `scope` with its extends applied (and written back, so it is done once). */
  async resolve(name: string, scope: Scope, chain: Link[]): Promise<unknown> {
    const service = scope.services[name];
    if (!isMapping(service) || !Object.hasOwn(service, 'extends')) return service;
    const where = entryPosition(service, 'extends');
    const reference = readExtendsReference(service.extends, name);
    const link: Link = { service: name, file: scope.file };
    if (chain.some((step) => step.service === link.service && step.file === link.file)) {
      throw new ComposeError({
        code: 'COMPOSE_EXTENDS_CYCLE',
        message: `circular extends: ${describeChain([...chain, link])}`,
        path: ['services', name, 'extends'],
        position: where,
        hint: 'one of these services must stop extending the next one',
      });
    }
    const baseScope = reference.file === undefined ? scope : await this.scopeOf(reference.file, name, scope);
    if (!Object.hasOwn(baseScope.services, reference.service)) {
      const place = reference.file === undefined ? '' : ` in ${baseScope.file}`;
      throw new ComposeError({
        code: 'COMPOSE_EXTENDS_NOT_FOUND',
        message: `cannot extend service "${name}" in ${scope.file}: service "${reference.service}" not found${place}`,
        path: reference.servicePath,
        position: where,
        hint: `extend one of the services defined there: ${Object.keys(baseScope.services).sort().join(', ') || '(none)'}`,
      });
    }
    const base = await this.resolve(reference.service, baseScope, [...chain, link]);
    // The base is copied: it stays a service of its own, and its own tags meant nothing here.
    const source: Mapping = isMapping(base) ? stripMergeTags(cloneTree(base)) : {};
    const merged = mergeValue(source, service, ['services', name], { keepTags: true }) as Mapping;
    delete merged.extends;
    scope.services[name] = merged;
    return merged;
  }

  private scopeOf(file: string, name: string, from: Scope): Promise<Scope> {
    const path: DocumentPath = ['services', name, 'extends', 'file'];
    if (isRemoteResource(file)) {
      throw new ComposeError({ code: 'COMPOSE_EXTENDS', message: `berth cannot extend a service of the remote file "${file}"`, path, hint: 'copy the file next to yours and extend it by a local path' });
    }
    const absolute = absolutePath(file, from.baseDirectory);
    let scope = this.scopes.get(absolute);
    if (!scope) {
      scope = this.load(absolute, name, from, path);
      this.scopes.set(absolute, scope);
    }
    return scope;
  }

  private async load(file: string, name: string, from: Scope, path: DocumentPath): Promise<Scope> {
    if (!existsSync(file)) {
      throw new ComposeError({
        code: 'COMPOSE_EXTENDS_NOT_FOUND',
        message: `cannot extend service "${name}" in ${from.file}: file ${file} not found`,
        path,
        hint: `extends.file is relative to ${from.baseDirectory}`,
      });
    }
    const document = await this.loadFile(file);
    const baseDirectory = dirname(file);
    resolveRelativePaths(document, baseDirectory);
    if (!isMapping(document.services)) {
      throw new ComposeError({
        code: 'COMPOSE_EXTENDS_NOT_FOUND',
        message: `cannot extend service "${name}" in ${from.file}: ${file} has no services`,
        path,
        hint: 'point extends.file at a compose file with a services: section',
      });
    }
    return { services: document.services, file, baseDirectory };
  }
}

function describeChain(chain: Link[]): string {
  return chain.map((step, index) => `${index === 0 ? '' : 'extends '}${step.service} in ${step.file}`).join(' ');
}
