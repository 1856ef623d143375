import { ComposeError } from '../../src/compose-spec/compose-error.js';
import { BerthError } from '../../src/errors/index.js';

type ErrorClass<T> = abstract new (...args: never[]) => T;

/** The error of `type` an action throws; fails the test when it throws nothing or something else. */
function errorOf<T>(type: ErrorClass<T>, action: () => unknown): T {
  try {
    action();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

/** The error of `type` an async action rejects with. */
async function errorOfAsync<T>(type: ErrorClass<T>, action: () => Promise<unknown>): Promise<T> {
  try {
    await action();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

export const composeErrorOf = (action: () => unknown): ComposeError => errorOf(ComposeError, action);
export const composeErrorOfAsync = (action: () => Promise<unknown>): Promise<ComposeError> => errorOfAsync(ComposeError, action);
export const berthErrorOf = (action: () => unknown): BerthError => errorOf(BerthError, action);
export const berthErrorOfAsync = (action: () => Promise<unknown>): Promise<BerthError> => errorOfAsync(BerthError, action);
