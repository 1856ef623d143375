import type { JsonSchema } from './json-schema.js';
import { includeList, resourceDefinitions } from './resource-schemas.js';
import { buildingBlockDefinitions, mapOf, ref, text } from './schema-building-blocks.js';
import { serviceLongSyntaxDefinitions } from './service-long-syntax-schema.js';
import { RESOURCE_NAME_EXPECTED, RESOURCE_NAME_PATTERN, serviceDefinition } from './service-schema.js';

/**
 * berth's JSON Schema (draft-07) of one compose file, written from the Compose Specification's
 * documentation. It checks one file after interpolation and casting, before merging; so nothing
 * is required at the top level (an override file may hold only a fragment of a service).
 */
function namedMapOf(definition: string): JsonSchema {
  return mapOf(ref(definition), RESOURCE_NAME_PATTERN, RESOURCE_NAME_EXPECTED);
}

export const composeSpecSchema: JsonSchema = {
  type: 'object',
  properties: {
    // Obsolete, accepted and ignored.
    version: text('a string such as "3.8" (obsolete, can be removed)'),
    // Its form (lowercase letters, digits, "_", "-") is checked with the project name, not here.
    name: text('a project name such as "myapp"'),
    include: includeList,
    services: namedMapOf('service'),
    networks: namedMapOf('network'),
    volumes: namedMapOf('volume'),
    secrets: namedMapOf('secret'),
    configs: namedMapOf('config'),
    models: namedMapOf('model'),
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
  definitions: {
    service: serviceDefinition,
    ...resourceDefinitions,
    ...buildingBlockDefinitions,
    ...serviceLongSyntaxDefinitions,
  },
};
