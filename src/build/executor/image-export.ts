import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { x as extractTar } from 'tar';
import type { BuildContext } from './stage-context.js';
import { withStepContainer } from './step-container.js';

/**
 * A path of an image copied out into the build's scratch directory (through a container of the
 * image and the engine's archive reader), for COPY --from and RUN --mount from. Returns where the
 * path's copy is: `<scratch>/from-XXXX/<base name>`, or the directory itself for `/`.
 */
export async function exportImagePath(context: BuildContext, image: string, path: string): Promise<string> {
  const directory = await mkdtemp(join(context.scratch, 'from-'));
  await withStepContainer(context, { Image: image, Cmd: ['#(nop) export'], Entrypoint: [] }, async (id) => {
    const archive = await context.engine.containers.getArchive(id, path);
    await pipeline(archive.tar, extractTar({ cwd: directory, preserveOwner: true }));
  });
  const name = path.split('/').filter((part) => part !== '').at(-1);
  return name === undefined ? directory : join(directory, name);
}
