import { EngineError, type ImageInspect } from '../../api/index.js';
import { observeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { connectEngine } from '../project-session.js';
import { repositoryAndTag } from './images-reference.js';
import { humanSize } from './images-size.js';
import type { ImagesCommandOptions } from './images.js';
import { prettyColumns } from './pretty-columns.js';
import { projectOrName } from './project-or-name.js';

interface ContainerImage {
  container: string;
  id: string;
  repository: string;
  tag: string;
  inspect: ImageInspect;
}

/**
 * `berth images`: the image of each of the project's containers (stopped and one-off ones too),
 * by container name, as Docker Compose lists them; `-q` prints each image id once.
 */
export async function runImages(services: string[], options: ImagesCommandOptions, global: GlobalOptions): Promise<void> {
  const scope = await projectOrName(global, services);
  const client = await connectEngine(global);
  try {
    const containers = (await observeContainers(client, scope.name)).filter((container) => services.length === 0 || services.includes(container.service));
    const found = await Promise.all(
      containers.map(async (container): Promise<ContainerImage | undefined> => {
        let inspect: ImageInspect;
        try {
          // The image the container runs, even if its tag has since moved to another one.
          inspect = await client.images.inspect(container.imageId);
        } catch (error) {
          if (error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND') return undefined;
          throw error;
        }
        return { container: container.name, id: inspect.Id, ...repositoryAndTag(container.image), inspect };
      }),
    );
    const images = found.filter((image) => image !== undefined).sort((a, b) => (a.container < b.container ? -1 : a.container > b.container ? 1 : 0));
    process.stdout.write(render(images, options));
  } finally {
    client.close();
  }
}

function render(images: readonly ContainerImage[], options: ImagesCommandOptions): string {
  if (options.quiet) return [...new Set(images.map((image) => image.id.replace(/^[^:]*:/, '')))].map((id) => `${id}\n`).join('');
  if (options.format === 'json') {
    const list = images.map((image) => ({
      ID: image.id,
      ContainerName: image.container,
      Repository: image.repository,
      Tag: image.tag,
      Platform: [image.inspect.Os, image.inspect.Architecture, image.inspect.Variant].filter(Boolean).join('/'),
      Size: image.inspect.Size,
      ...(image.inspect.Created ? { Created: image.inspect.Created } : {}),
    }));
    return `${JSON.stringify(list)}\n`;
  }
  const rows = images.map((image) => [
    image.container,
    image.repository || '<none>',
    image.tag || '<none>',
    image.id.replace(/^[^:]*:/, '').slice(0, 12),
    humanSize(image.inspect.Size),
  ]);
  return prettyColumns([['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'], ...rows], 20);
}
