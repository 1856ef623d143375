/** How a .env file (or a service's `env_file`) is read. */
export interface DotenvOptions {
  /** The file's name, for error positions. */
  file: string;
  /**
   * Variables from outside the file: the value of a bare `KEY` line, and what `$NAME` means. As in
   * compose-go, it is asked before the keys defined earlier in the same file.
   */
  lookup?: (name: string) => string | undefined;
  /** Compose's `env_file` `format: raw`: no quotes, no escapes, no interpolation. */
  raw?: boolean;
  /** A plain `$NAME` in a value was unset and became "" (Compose prints a warning). */
  onUnset?: (name: string) => void;
}
