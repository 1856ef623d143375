/** A `/`-separated path's components, without empty ones or `.` (`./a//b/` is a, b). */
export function pathComponents(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/**
 * Whether a relative link target, read from the link's directory (`from`, components below some
 * root), climbs above that root: Docker's breakout check for symbolic links in an archive.
 */
export function climbsOut(from: readonly string[], target: string): boolean {
  let depth = from.length;
  for (const part of pathComponents(target)) {
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}
