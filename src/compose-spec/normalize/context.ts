/** What normalizing a service needs from the loader. */
export interface NormalizeContext {
  readonly projectName: string;
  /** Absolute; the default build context. */
  readonly projectDirectory: string;
  /** The project environment: process environment over `.env` / `--env-file`. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Reads a dotenv file. Returns `undefined` when the file does not exist and is not required;
   * `raw` reads values verbatim (`format: raw`).
   */
  readEnvFile(path: string, options: { raw: boolean; required: boolean }): Map<string, string> | undefined;
  /**
   * `false` for `--no-env-resolution`: `environment` keeps names without values as `null` and
   * `env_file` stays in the model instead of being read into `environment`. Defaults to `true`.
   */
  readonly resolveEnvironment?: boolean;
}
