import { ComposeError } from '../compose-error.js';
import { goBool, isMapping, type RawMapping } from './go-strings.js';

export type ResourceSection = 'networks' | 'volumes' | 'secrets' | 'configs';

export interface ResourceIdentity {
  /** The name on the engine. */
  name: string;
  /** Present only when the resource is external (`external: true`). */
  external?: true;
}

/**
 * The engine name of a top-level network, volume, secret or config, as compose-go gives it:
 * the written `name`; for an external resource without one, its key; otherwise
 * `<project>_<key>`. The legacy `external: {name: x}` reads as `name: x` plus `external: true`.
 */
export function resourceIdentity(
  section: ResourceSection,
  key: string,
  resource: RawMapping,
  projectName: string,
  warn: (message: string) => void,
): ResourceIdentity {
  let name = typeof resource.name === 'string' ? resource.name : undefined;
  let external = goBool(resource.external) === true;
  if (isMapping(resource.external)) {
    external = true;
    const legacyName = resource.external.name;
    if (legacyName !== undefined && legacyName !== null) {
      const legacy = String(legacyName);
      warn(`${section}.${key}: external.name is deprecated. Please set name and external: true`);
      if (name !== undefined && name !== legacy) {
        throw new ComposeError({
          code: 'COMPOSE_EXTERNAL_NAME_CONFLICT',
          message: 'name and external.name conflict; only use name',
          path: [section, key],
          hint: `remove external.name and set name: ${JSON.stringify(legacy)} next to external: true`,
        });
      }
      name = legacy;
    }
  }
  if (name === undefined) name = external ? key : `${projectName}_${key}`;
  return external ? { name, external: true } : { name };
}
