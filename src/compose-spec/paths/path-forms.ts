import { homedir } from 'node:os';
import { isAbsolute, join, posix } from 'node:path';

/**
 * The ways Compose turns a path written in a compose file into an absolute one (compose-go
 * paths/home.go, unix.go, context.go).
 */

/** `~` and `~/x` start at the home directory. Like compose-go, any leading `~` is the home directory. */
export function expandUser(path: string): string {
  return path.startsWith('~') ? join(homedir(), path.slice(1)) : path;
}

/** A local path: home expanded, then made absolute against `base`. An empty path stays empty. */
export function absolutePath(path: string, base: string): string {
  const expanded = expandUser(path);
  if (expanded === '' || isAbsolute(expanded)) return expanded;
  return join(base, expanded);
}

/**
 * A path the engine reads (bind sources, secret and config files): like `absolutePath`, but a
 * Windows absolute path (`C:\data`) is left alone too, for a Windows client with a Unix engine.
 */
export function hostPath(path: string, base: string): string {
  const expanded = expandUser(path);
  if (posix.isAbsolute(expanded) || isWindowsAbsolute(expanded) || isAbsolute(expanded)) return expanded;
  return join(base, expanded);
}

export function isWindowsAbsolute(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * A build context that is not a local directory: a URL or builder-specific scheme
 * (`docker-image://`, `https://`), a Git reference (`git@`, `github.com/`), or another service's
 * image (`service:name`).
 */
export function isRemoteContext(context: string): boolean {
  if (context.includes('://') || context.startsWith('service:')) return true;
  return ['git@', 'github.com/'].some((prefix) => context.startsWith(prefix));
}

/** A compose file named by `extends.file` or `include` that a remote loader (Git, OCI) would fetch. */
export function isRemoteResource(path: string): boolean {
  return path.includes('://') || path.startsWith('git@');
}
