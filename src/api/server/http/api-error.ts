import { BerthError, type ErrorKind } from '../../../errors/index.js';

/**
 * Docker's status for each of berth's error kinds (moby's errdefs, one place): not found 404,
 * conflict 409, bad parameter 400, unavailable 503, everything else 500. A handler that needs
 * another (304 is an answer, not an error) says so itself.
 */
const statusOfKind: Record<ErrorKind, number> = {
  'usage': 400,
  'invalid-project': 400,
  'not-found': 404,
  'conflict': 409,
  'unavailable': 503,
  'internal': 500,
};

/** The status and `{"message"}` body of a failed request; errors berth did not make are 500s. */
export function errorAnswer(error: unknown): { status: number; message: string } {
  if (error instanceof BerthError) return { status: statusOfKind[error.kind], message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, message };
}

/** A 400 with Docker's wording kept by the caller. */
export function badParameter(message: string, hint?: string): BerthError {
  return new BerthError({ code: 'API_BAD_PARAMETER', kind: 'usage', message, ...(hint ? { hint } : {}) });
}

export function notFound(message: string): BerthError {
  return new BerthError({ code: 'API_NOT_FOUND', kind: 'not-found', message });
}
