import type { LoadOptions } from '../compose-spec/index.js';
import type { GlobalOptions } from './global-options.js';
import { printWarning } from './print-warning.js';

/** How the compose commands load the project: the global options, this process's environment and cwd. */
export function loadOptionsFrom(global: GlobalOptions, services: readonly string[] = []): LoadOptions {
  return {
    workingDir: process.cwd(),
    files: global.file,
    projectName: global.projectName,
    projectDirectory: global.projectDirectory,
    profiles: global.profile,
    envFiles: global.envFile,
    services: [...services],
    processEnv: process.env,
    warn: printWarning,
  };
}
