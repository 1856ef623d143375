import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI tests run the built `bin/berth.js` (dist/bundle); rebuild dist/ first when any source is newer. */
export default function buildWhenStale(): void {
  const root = new URL('..', import.meta.url).pathname;
  const built = join(root, 'dist/bundle/main.js');
  if (existsSync(built) && newestSource(join(root, 'src')) <= statSync(built).mtimeMs) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
