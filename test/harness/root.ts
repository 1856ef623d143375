import { describe } from 'vitest';

/**
 * `describe` for tests that run real containers and so need root. Outside CI a non-root run
 * skips them; in CI (`CI=true`) they always run, so a missing prerequisite fails the run
 * instead of hiding behind a skip.
 */
export const describeAsRoot: typeof describe = describe.skipIf(process.getuid?.() !== 0 && process.env.CI !== 'true') as typeof describe;
