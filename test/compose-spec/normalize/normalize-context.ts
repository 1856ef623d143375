import type { NormalizeContext } from '../../../src/compose-spec/normalize/index.js';

/**
 * A normalize context for tests: the project lives in `/project`, `environment` is the project
 * environment, and `files` maps an env or label file path to its variables (a missing path is a
 * missing file).
 */
export function testContext(
  environment: Record<string, string> = {},
  files: Record<string, Record<string, string>> = {},
  resolveEnvironment?: boolean,
): NormalizeContext {
  return {
    projectName: 'demo',
    projectDirectory: '/project',
    environment,
    ...(resolveEnvironment !== undefined && { resolveEnvironment }),
    readEnvFile: (path) => {
      const values = files[path];
      return values === undefined ? undefined : new Map(Object.entries(values));
    },
  };
}
