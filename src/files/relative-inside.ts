import { isAbsolute, relative, sep } from 'node:path';

/**
 * `path` relative to `directory`, `/`-separated, when it lies inside it: `''` for the directory
 * itself, undefined for a path outside it. A name that only starts with `..` (`..cache`) is inside.
 */
export function relativeInside(directory: string, path: string): string | undefined {
  const rel = relative(directory, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
