import { ComposeError, type DocumentPath } from '../compose-error.js';

/** A value the schema accepts but Compose cannot read (`abc:80`, a range of unequal sizes). */
export function invalidValue(path: DocumentPath, message: string, expected: string, hint: string): ComposeError {
  return new ComposeError({ code: 'COMPOSE_INVALID_VALUE', message, path, expected, hint });
}
