import { describe, it } from 'vitest';
import { runningUnderCi } from './ci.js';

/** Outside CI a non-root run skips root's tests; in CI they always run. */
const skipWithoutRoot = process.getuid?.() !== 0 && !runningUnderCi;

/**
 * `describe` for tests that run real containers and so need root. Outside CI a non-root run
 * skips them; under CI they always run, so a missing prerequisite fails the run
 * instead of hiding behind a skip.
 */
export const describeAsRoot: typeof describe = describe.skipIf(skipWithoutRoot) as typeof describe;

/** `it` for one test that needs root in a file that otherwise does not: the same rule as describeAsRoot. */
export const itAsRoot: typeof it = it.skipIf(skipWithoutRoot) as typeof it;
