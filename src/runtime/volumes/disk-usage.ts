import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The bytes a directory's files hold, what prune reports as SpaceReclaimed: sizes of everything
 * but directories, each hard-linked file once, symbolic links never followed.
 */
export async function diskUsage(directory: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = join(path, entry.name);
      const stats = await lstat(child).catch(() => undefined);
      if (stats === undefined) continue;
      if (stats.isDirectory()) {
        await walk(child);
        continue;
      }
      const inode = `${stats.dev}:${stats.ino}`;
      if (stats.nlink > 1 && seen.has(inode)) continue;
      seen.add(inode);
      total += stats.size;
    }
  };
  await walk(directory);
  return total;
}
