import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildImage, type BuildOutput } from '../../../../build/executor/index.js';
import { removeBuildFiles, resolveInScope, unpackContext } from '../../../../build/context/index.js';
import { BerthError } from '../../../../errors/index.js';
import type { ApiCall } from '../../http/route.js';
import { publishImageEvent } from '../images/image-events.js';
import { JsonMessageStream } from '../images/json-message-stream.js';
import { buildQuery } from './build-query.js';
import { buildSecrets } from './build-secrets.js';
import type { BuildBackend } from './index.js';
import { buildRegistryOptions } from './registry-config.js';

/**
 * `POST /build`, the classic builder's API: the body is the context as a tar (gzip too), unpacked
 * safely into a scratch directory; the Dockerfile is read from it, then the build files the
 * ignore rules exclude are removed; the build's output streams as `{"stream"}` messages, the
 * image id as `{"aux":{"ID"}}`, and a failure as the stream's error object, as dockerd writes
 * them. With `q` only the id is written. A Dockerfile that cannot be read or parsed is a 400
 * before the stream begins. The context directory is removed when the build ends.
 */
export async function buildHandler(backend: BuildBackend, call: ApiCall): Promise<void> {
  const query = buildQuery(call);
  const secrets = buildSecrets(call);
  const scratch = join(backend.builderRoot, 'contexts');
  await mkdir(scratch, { recursive: true });
  const contextDirectory = await mkdtemp(join(scratch, 'context-'));
  const stream = new JsonMessageStream(call);
  try {
    await unpackContext(call.request, contextDirectory);
    const dockerfileText = await readDockerfile(contextDirectory, query.dockerfile);
    await removeBuildFiles(contextDirectory, query.dockerfile);
    const output: BuildOutput = { write: (text) => (query.quiet ? undefined : stream.write({ stream: text })) };
    const built = await buildImage(
      backend,
      {
        contextDirectory,
        dockerfile: query.dockerfile,
        dockerfileText,
        tags: query.tags,
        buildArgs: query.buildArgs,
        labels: query.labels,
        ...(query.target ? { target: query.target } : {}),
        noCache: query.noCache,
        pull: query.pull,
        networkMode: query.networkMode,
        extraHosts: query.extraHosts,
        ...(query.platform ? { platform: query.platform } : {}),
        secrets,
        registry: buildRegistryOptions(call, backend.registry),
      },
      output,
      call.signal,
    );
    stream.write({ aux: { ID: built.id } });
    if (query.quiet) stream.write({ stream: `${built.id}\n` });
    for (const tag of built.tags) await publishImageEvent(backend.events, backend.images, 'tag', built.id, tag);
    stream.end();
  } catch (error) {
    stream.fail(error);
  } finally {
    await rm(contextDirectory, { recursive: true, force: true });
  }
}

/** The Dockerfile's text, the path kept inside the context; Docker's words when it is missing. */
async function readDockerfile(contextDirectory: string, dockerfile: string): Promise<string> {
  const { hostPath } = await resolveInScope(contextDirectory, dockerfile);
  return readFile(hostPath, 'utf8').catch((error: unknown) => {
    throw new BerthError({
      code: 'BUILD_NO_DOCKERFILE',
      kind: 'usage',
      message: `Cannot locate specified Dockerfile: ${dockerfile}`,
      hint: 'name a Dockerfile inside the build context (build.dockerfile in Compose, -f with docker build)',
      cause: error,
    });
  });
}
