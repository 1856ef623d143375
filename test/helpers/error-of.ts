import { ComposeError } from '../../src/compose-spec/compose-error.js';

/** The ComposeError an action throws; fails the test when it throws nothing or something else. */
export function composeErrorOf(action: () => unknown): ComposeError {
  try {
    action();
  } catch (error) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error('expected a ComposeError, but nothing was thrown');
}

/** The ComposeError an async action rejects with. */
export async function composeErrorOfAsync(action: () => Promise<unknown>): Promise<ComposeError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error('expected a ComposeError, but nothing was thrown');
}
