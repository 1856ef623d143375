import { ComposeError, type DocumentPath } from '../compose-error.js';
import { isMapping } from '../merge/tree.js';

/** What `extends` points at: a service, in this file or in `file`. */
export interface ExtendsReference {
  service: string;
  /** As written (relative to the base directory), absent for a service of the same file. */
  file?: string;
  /** Where the service name stands, for errors. */
  servicePath: DocumentPath;
}

/** Reads `extends: base` or `extends: {service: base, file: other.yaml}` of `services.<name>`. */
export function readExtendsReference(value: unknown, name: string): ExtendsReference {
  const path: DocumentPath = ['services', name, 'extends'];
  if (typeof value === 'string') return { service: value, servicePath: path };
  if (!isMapping(value)) throw extendsFormError(path, 'extends must name a service');
  if (typeof value.service !== 'string') throw extendsFormError([...path, 'service'], 'extends needs the name of the service to extend');
  if (value.file === undefined || value.file === null) return { service: value.service, servicePath: [...path, 'service'] };
  if (typeof value.file !== 'string') throw extendsFormError([...path, 'file'], 'extends.file must be a path');
  return { service: value.service, file: value.file, servicePath: [...path, 'service'] };
}

function extendsFormError(path: DocumentPath, message: string): ComposeError {
  return new ComposeError({
    code: 'COMPOSE_EXTENDS',
    message,
    path,
    expected: 'a service name, or {service: name, file: path}',
    hint: 'write extends: base, or extends: {service: base, file: common.yaml}',
  });
}
