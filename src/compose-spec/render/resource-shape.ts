import { listOf, mapOf, struct, type StructShape } from './shape.js';

/* compose-go's top-level resource types, fields in declaration order. */

const stringMap = mapOf('string');

export const networkShape: StructShape = struct([
  ['name', 'string'],
  ['driver', 'string'],
  ['driver_opts', stringMap],
  ['ipam', struct([
    ['driver', 'string'],
    ['config', listOf(struct([
      ['subnet', 'string'],
      ['gateway', 'string'],
      ['ip_range', 'string'],
      ['aux_addresses', stringMap],
    ]))],
    ['options', stringMap],
  ])],
  ['external', 'bool'],
  ['internal', 'bool'],
  ['attachable', 'bool'],
  ['labels', stringMap],
  ['enable_ipv4', 'bool', 'pointer'],
  ['enable_ipv6', 'bool', 'pointer'],
]);

export const volumeShape: StructShape = struct([
  ['name', 'string'],
  ['driver', 'string'],
  ['driver_opts', stringMap],
  ['external', 'bool'],
  ['labels', stringMap],
]);

/** Secrets and configs share one Go type; which of them may print `content` differs (see marshal). */
export const fileObjectShape: StructShape = struct([
  ['name', 'string'],
  ['file', 'string'],
  ['environment', 'string'],
  ['content', 'string'],
  ['external', 'bool'],
  ['labels', stringMap],
  ['driver', 'string'],
  ['driver_opts', stringMap],
  ['template_driver', 'string'],
]);

export const modelShape: StructShape = struct([
  ['name', 'string'],
  ['model', 'string'],
  ['context_size', 'int'],
  ['runtime_flags', listOf('string')],
]);
