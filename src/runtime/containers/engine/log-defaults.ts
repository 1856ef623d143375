/** A container's log driver and its options (HostConfig.LogConfig, with Config filled). */
export interface LogConfig {
  Type: string;
  Config: Record<string, string>;
}

/**
 * dockerd's rule for the daemon's log defaults: no type takes the daemon's driver and options;
 * the daemon's type keeps its options under the request's own; another type keeps only its own.
 */
export function withLogDefaults(given: { Type: string; Config?: Record<string, string> } | undefined, defaults: LogConfig): LogConfig {
  if (!given?.Type) return { Type: defaults.Type, Config: { ...defaults.Config, ...given?.Config } };
  if (given.Type === defaults.Type) return { Type: given.Type, Config: { ...defaults.Config, ...given.Config } };
  return { Type: given.Type, Config: { ...given.Config } };
}
