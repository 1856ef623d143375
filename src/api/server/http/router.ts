import type { Handler, Route } from './route.js';

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handle: Handler;
}

export interface RouteMatch {
  handle: Handler;
  params: Record<string, string>;
}

/**
 * Finds the handler of a method and path. A route's `{id}` matches one path segment and `{name*}`
 * the rest of the path, slashes included, as an image name needs (`/images/{name*}/json` with
 * `localhost:5000/library/busybox:1`). Parameters arrive URL-decoded.
 */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = decode(found[index + 1]!)));
      return { handle: route.handle, params };
    }
    return undefined;
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.+?^$()[\]\\|]|\{(\w+)(\*?)\}/g, (text, name: string | undefined, greedy: string | undefined) => {
    if (!name) return `\\${text}`;
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { method: route.method, pattern: new RegExp(`^${source}/?$`), names, handle: route.handle };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** `/v1.41/containers/json` → version `1.41` and `/containers/json`; a path without a version keeps it. */
export function splitVersion(path: string): { version: string | undefined; path: string } {
  const found = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
  return found ? { version: found[1], path: found[2]! } : { version: undefined, path };
}
