import type { ContainerCreateRequest } from '../../api/types/containers.js';
import { tarMembers } from '../../files/tar-members.js';
import type { BuildContext } from './stage-context.js';

/**
 * Runs `work` with a container of `request.Image` made for one step (created, not started), and
 * removes the container afterwards whatever happened, as the classic builder removes its
 * intermediate containers (`rm=true`, `forcerm`).
 */
export async function withStepContainer<T>(context: BuildContext, request: ContainerCreateRequest, work: (id: string) => Promise<T>): Promise<T> {
  const { Id: id } = await context.engine.containers.create({ ...request, Labels: { ...request.Labels, 'com.berth.build.step': 'true' } });
  try {
    return await work(id);
  } finally {
    await context.engine.containers.remove(id, { force: true }).catch(() => undefined);
  }
}

/** A file of the container's image as text, or undefined when it is missing or not a file. */
export async function readContainerFile(context: BuildContext, id: string, path: string): Promise<string | undefined> {
  const archive = await context.engine.containers.getArchive(id, path).catch(() => undefined);
  if (!archive) return undefined;
  let text: string | undefined;
  for await (const entry of tarMembers(archive.tar, { damaged: (detail) => new Error(detail) })) {
    if (text === undefined && entry.type === 'File') {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      entry.resume();
    }
  }
  return text;
}
