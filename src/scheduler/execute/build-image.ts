import { EngineError, formatEndpoint, isBerthEngine, type EngineClient } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import { progressEvent } from '../contract/progress.js';
import type { ComposeSession } from '../contract/session.js';
import { buildRequest, type BuildRequest, type BuildSettings } from '../desired/build-request.js';
import { serviceImage } from '../desired/service-image.js';
import { BuildOutput } from './build-output.js';

export interface BuildImageOptions {
  settings?: BuildSettings;
  signal?: AbortSignal;
}

/**
 * Builds one service's image on the engine: the `build:` section as a request, the context
 * directory as a tar (its .dockerignore applied), then `POST /build`, each line of the builder's
 * output reported as a progress event of the image. Returns the new image's id. A failed build
 * throws a BUILD_FAILED error naming the service, with the builder's own message (`The command
 * '/bin/sh -c exit 3' returned a non-zero code: 3`) and the last lines of output; every other
 * failure (an unreadable context, a foreign platform) names the service too.
 */
export async function buildServiceImage(session: ComposeSession, service: string, options: BuildImageOptions = {}): Promise<string> {
  const { client, project } = session;
  const image = serviceImage(project, service);
  session.progress(progressEvent('Image', image, 'Building'));
  try {
    const request = buildRequest(project, service, {
      settings: options.settings,
      environment: session.environment ?? process.env,
      nativePlatform: await nativePlatform(client),
    });
    refuseSecretsOnForeignEngine(client, request);
    const id = await send(session, request, options.signal);
    session.progress(progressEvent('Image', image, 'Built'));
    return id;
  } catch (error) {
    const named = namingTheService(error, service);
    // The progress line gets the first line; the error itself, reported at the end, has the output too.
    session.progress(progressEvent('Image', image, 'Error', (named instanceof Error ? named.message : String(named)).split('\n')[0]));
    throw named;
  }
}

async function send(session: ComposeSession, request: BuildRequest, signal: AbortSignal | undefined): Promise<string> {
  // The builder's context code (and its tar library) loads only when something is built.
  const { contextTar } = await import('../../build/context/index.js');
  const context = await contextTar(request.context, { dockerfile: request.dockerfile });
  const output = new BuildOutput(request.service, request.image, session.progress);
  try {
    for await (const message of session.client.images.build(context.tar, { ...request.options, dockerfile: context.dockerfile, signal })) output.message(message);
  } catch (error) {
    output.end();
    throw buildFailed(request.service, error, output.tail);
  } finally {
    context.tar.destroy();
  }
  output.end();
  return output.imageId ?? (await session.client.images.inspect(request.image)).Id;
}

/** dockerd ignores berth's secrets header: its build would run without them, so it does not start. */
function refuseSecretsOnForeignEngine(client: EngineClient, request: BuildRequest): void {
  if (!request.options.secrets || isBerthEngine(client.engine)) return;
  throw new BerthError({
    code: 'BUILD_SECRETS_UNSUPPORTED',
    kind: 'usage',
    message: `service "${request.service}" has build secrets (${Object.keys(request.options.secrets).sort().join(', ')}), which only berth's own engine can pass to a build; the engine at ${formatEndpoint(client.endpoint)} is ${client.engine.server ?? 'not berth\'s'}`,
    hint: "build on berth's engine (leave out -H and DOCKER_HOST), build this service with BuildKit (docker compose build), or remove its build.secrets",
  });
}

/** The engine refused the build or a step failed: the builder's words, and what the build printed last. */
function buildFailed(service: string, error: unknown, tail: readonly string[]): unknown {
  if (!(error instanceof EngineError) || (error.status !== 200 && error.status >= 500)) return error;
  if (error.status === 404) {
    return new BerthError({
      code: 'BUILD_UNSUPPORTED',
      kind: 'unavailable',
      message: `cannot build service "${service}": the engine has no image builder (POST /build answered 404: ${error.engineMessage})`,
      hint: 'build on an engine that builds images (Docker\'s, or a berth daemon with the builder), or build the image elsewhere and give the service an image: to pull',
      cause: error,
    });
  }
  const output = tail.length > 0 ? `\n  last output:\n${tail.map((line) => `    ${line}`).join('\n')}` : '';
  return new BerthError({
    code: 'BUILD_FAILED',
    kind: 'invalid-project',
    message: `service "${service}" failed to build: ${error.engineMessage}${output}`,
    hint: `fix the Dockerfile or the step that failed, then build again (berth build ${service})`,
    cause: error,
  });
}

/** Errors from before the build (the context, the platform) get the service's name in front. */
function namingTheService(error: unknown, service: string): unknown {
  if (!(error instanceof BerthError) || error.message.includes(`"${service}"`)) return error;
  return new BerthError({ code: error.code, kind: error.kind, message: `cannot build service "${service}": ${error.message}`, hint: error.hint, cause: error });
}

const platforms = new WeakMap<EngineClient, Promise<string>>();

/** The engine's platform from its /version, asked once per connection: `linux/amd64`. */
function nativePlatform(client: EngineClient): Promise<string> {
  let platform = platforms.get(client);
  if (!platform) {
    platform = client.version().then((version) => `${version.Os || 'linux'}/${version.Arch}`);
    platforms.set(client, platform);
  }
  return platform;
}
