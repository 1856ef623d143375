import type { EngineClient } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import type { ProgressSink } from './progress.js';

/**
 * One command's view of one project on one engine: the frozen model, where it came from (for the
 * project labels) and the connected client. Every scheduler operation takes one.
 */
export interface ComposeSession {
  project: Project;
  /** The project directory: `com.docker.compose.project.working_dir`. */
  workingDir: string;
  /** Absolute paths of the compose files: `com.docker.compose.project.config_files`. */
  configFiles: readonly string[];
  /** Absolute paths of the env files read, if any: `com.docker.compose.project.environment_file`. */
  environmentFiles: readonly string[];
  /**
   * The variables the project was loaded with (the shell's and the `.env` file's): what a build
   * secret's `environment:` and a bare `--build-arg NAME` read. The process's environment when
   * left out.
   */
  environment?: Readonly<Record<string, string | undefined>>;
  client: EngineClient;
  progress: ProgressSink;
  /** A warning for the user (orphans, ignored attributes); printed as `WARN ...`. */
  warn: (message: string) => void;
}
