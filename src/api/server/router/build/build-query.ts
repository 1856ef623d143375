import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';

/** `POST /build`'s query as the classic builder reads it (moby's api/server/router/build). */
export interface BuildQuery {
  dockerfile: string;
  tags: string[];
  quiet: boolean;
  noCache: boolean;
  pull: boolean;
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  networkMode: string;
  extraHosts: string[];
  platform?: string;
}

export function buildQuery(call: ApiCall): BuildQuery {
  const { query } = call;
  const target = query.string('target');
  const platform = query.string('platform');
  return {
    dockerfile: query.string('dockerfile') || 'Dockerfile',
    tags: query.all('t').filter((tag) => tag !== ''),
    quiet: query.bool('q'),
    noCache: query.bool('nocache'),
    pull: query.bool('pull'),
    buildArgs: jsonObject(query.string('buildargs'), 'buildargs', (value) => value === null || typeof value === 'string') as Record<string, string | null>,
    labels: jsonObject(query.string('labels'), 'labels', (value) => typeof value === 'string') as Record<string, string>,
    ...(target ? { target } : {}),
    networkMode: query.string('networkmode') || 'default',
    extraHosts: (query.string('extrahosts') ?? '').split(',').filter((host) => host !== '').map((host) => host.replace('=', ':')),
    ...(platform ? { platform } : {}),
  };
}

function jsonObject(text: string | undefined, name: string, valid: (value: unknown) => boolean): Record<string, unknown> {
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badParameter(`invalid ${name} parameter: ${error instanceof Error ? error.message : String(error)}`, `send ${name} as a JSON object of strings`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every(valid)) {
    throw badParameter(`invalid ${name} parameter: not an object of strings`, `send ${name} as a JSON object of strings`);
  }
  return parsed as Record<string, unknown>;
}
