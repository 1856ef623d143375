// berth as installed, for the benches that put berth's engine beside Docker's: a copy of
// bin/berth.js and dist/bundle, whose daemon a bench starts with startBerthEngine({ entry }) (the
// harness otherwise runs it from the sources with tsx, whose loader thread, and an esbuild child
// when a file changed, would be in the figures) and whose CLI it times. The copy is taken first, so
// that a `npm run build` elsewhere while a bench runs (it removes dist) changes neither the
// daemon's lazily loaded chunks nor the CLI the bench starts.
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * bin/berth.js and dist/bundle as they are now, in `directory` (with the package.json the version
 * comes from and a link to the checkout's node_modules). Returns the copy's bin/berth.js.
 */
export function snapshotBerth(repository: string, directory: string): string {
  if (!existsSync(join(repository, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle is missing: run `npm run build` first');
  cpSync(join(repository, 'dist', 'bundle'), join(directory, 'dist', 'bundle'), { recursive: true });
  cpSync(join(repository, 'bin', 'berth.js'), join(directory, 'bin', 'berth.js'));
  cpSync(join(repository, 'package.json'), join(directory, 'package.json'));
  symlinkSync(join(repository, 'node_modules'), join(directory, 'node_modules'));
  return join(directory, 'bin', 'berth.js');
}
