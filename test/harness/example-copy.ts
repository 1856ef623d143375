import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The checkout's examples/ folder. */
export const examplesDirectory = new URL('../../examples/', import.meta.url).pathname;

/**
 * Copies `examples/<example>` (without node_modules) to `directory`, and installs the node modules
 * of every folder of the copy that has a package-lock.json (`npm ci --omit=dev`), as the example's
 * README tells a user to.
 */
export function copyExample(example: string, directory: string): void {
  cpSync(join(examplesDirectory, example), directory, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  for (const folder of foldersWithLockFiles(directory)) {
    const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm ci in ${folder} failed (exit ${install.status}):\n${install.stderr}`);
  }
}

function foldersWithLockFiles(directory: string): string[] {
  const found = existsSync(join(directory, 'package-lock.json')) ? [directory] : [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...foldersWithLockFiles(join(directory, entry.name)));
  }
  return found;
}
