/**
 * Whether the tests run under CI: `CI` set to anything but empty, `0` or `false` (`CI=true`,
 * `CI=1`), as the CLI reads it. Under CI a missing prerequisite fails a test instead of skipping it.
 */
export const runningUnderCi = !['', '0', 'false'].includes(process.env.CI ?? '');
