import { posix } from 'node:path';
import { invalidConfig } from './config-error.js';

/**
 * A path inside the container where something is mounted, checked and cleaned: absolute, not `/`
 * itself (Docker's texts), and without `..` (which Docker would clean away silently; berth asks
 * for the path meant, so `/data/../etc` never passes for `/data`). Returns the cleaned path.
 */
export function checkDestination(field: string, value: unknown, destination: string): string {
  if (destination === '') throw invalidConfig(field, value, 'field Target must not be empty', 'give the path inside the container to mount on, e.g. /data');
  if (!destination.startsWith('/')) {
    throw invalidConfig(field, value, `invalid mount path: '${destination}' mount path must be absolute`, `write it from the container's root: /${destination.replace(/^\.\//, '')}`);
  }
  if (destination.split('/').includes('..')) {
    throw invalidConfig(field, value, `the mount path '${destination}' contains ".."`, `write the path it means without "..": ${posix.normalize(destination)}`);
  }
  const cleaned = clean(destination);
  if (cleaned === '/') throw invalidConfig(field, value, "invalid specification: destination can't be '/'", 'mount on a directory below the root, e.g. /data');
  return cleaned;
}

/** Go's path.Clean for paths without `..`: no doubled or trailing slashes, no `.` parts. */
export function clean(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
