import { commitContainer, storeConfigImage, type RunConfig } from '../../runtime/containers/commit/index.js';
import { missingParents } from './container-paths.js';
import { copyTar } from './copy-tar.js';
import type { BuildContext, StageState } from './stage-context.js';
import { withStepContainer } from './step-container.js';

/**
 * The image a WORKDIR makes: its config with the new working directory and, when the image lacks
 * the directory, a layer that makes it (and its parents), owned by root with mode 0755, as
 * Docker's builders do, so a later stage that copies from it finds it.
 */
export async function workdirImage(context: BuildContext, state: StageState, config: RunConfig, createdBy: string): Promise<string> {
  const directory = config.WorkingDir ?? '/';
  return withStepContainer(context, { Image: state.imageId, Cmd: ['/bin/sh', '-c', `#(nop) ${createdBy}`], Entrypoint: [] }, async (id) => {
    const missing = await missingParents(context, id, [], directory);
    if (missing.length === 0) return storeConfigImage(context.store, state.imageId, { config, createdBy });
    await context.engine.containers.putArchive(id, '/', copyTar([], { parents: missing, destination: '', uid: 0, gid: 0 }));
    return (await commitContainer(context.engine, id, { config, createdBy, pause: false, buildStep: { containerConfig: { Cmd: ['/bin/sh', '-c', `#(nop) ${createdBy}`], Image: state.imageId } } })).id;
  });
}
