/**
 * Environment files and the project environment, as Docker Compose reads them (compose-go
 * `dotenv/` and `cli/options.go`): the .env format, `env_file` `format: raw`, and which files
 * make up the environment a project is interpolated with.
 */
export { parseDotenv } from './parse-dotenv.js';
export { readDotenvFile } from './read-dotenv-file.js';
export type { DotenvOptions } from './dotenv-options.js';
export { resolveProjectEnvironment } from './project-environment.js';
export type { ProjectEnvironment, ProjectEnvironmentOptions } from './project-environment.js';
