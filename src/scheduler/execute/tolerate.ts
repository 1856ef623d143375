import { EngineError } from '../../api/index.js';

/**
 * Runs an engine call whose failure only means the work was already done: a container already
 * started or stopped (Docker's 304), or a resource already gone (404). Anything else is thrown.
 */
export async function alreadyDoneIsFine(call: () => Promise<unknown>, codes: readonly string[] = ['ENGINE_NOT_MODIFIED', 'ENGINE_NOT_FOUND']): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (error instanceof EngineError && codes.includes(error.code)) return false;
    throw error;
  }
}
