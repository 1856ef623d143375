/**
 * Go's path.Clean for slash-separated paths, which Docker applies to .dockerignore patterns and
 * COPY sources: repeated slashes and `.` components go, `..` removes the component before it
 * (and, in a rooted path, stops at the root), a trailing slash goes, and nothing at all is `.`.
 */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts.at(-1) !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
