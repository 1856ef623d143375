/** What `loadProject` needs to know: the CLI's global options and the phases to run. */
export interface LoadOptions {
  /** The directory relative paths on the command line start from (the process's cwd). */
  workingDir: string;
  /** `-f` values in order; `-` is standard input. Empty: COMPOSE_FILE, then discovery. */
  files?: string[];
  projectName?: string;
  projectDirectory?: string;
  /** `--profile` values; COMPOSE_PROFILES adds to them when none are given. */
  profiles?: string[];
  /** `--env-file` values. */
  envFiles?: string[];
  /** Services named on the command line: they are enabled whatever their profiles. */
  services?: string[];
  processEnv: Record<string, string | undefined>;
  readStdin?: () => string;
  interpolate?: boolean;
  /** Check each file and the merged model against the schema (off only to list variables). */
  validate?: boolean;
  resolvePaths?: boolean;
  /** Check references, cycles and collisions (`--no-consistency` turns it off). */
  consistency?: boolean;
  /** Resolve `env_file` and bare `environment` names into values (`--no-env-resolution` turns it off). */
  resolveEnvironment?: boolean;
  /** Called for each warning (unset variables, several default files found). */
  warn?: (message: string) => void;
}
