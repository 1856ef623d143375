import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { copyRunConfig, storeConfigImage } from '../../runtime/containers/commit/index.js';
import { readImageConfig, tagImage } from '../../runtime/images/operations/index.js';
import { familiarReference, parseReference } from '../../runtime/images/index.js';
import { formatPlatform, hostPlatform, parsePlatform } from '../../runtime/images/registry/index.js';
import { expandWord, parseDockerfile } from '../dockerfile/index.js';
import { baseImage } from './base-image.js';
import { BuildArguments, platformArgs } from './build-scope.js';
import type { BuildEngine, BuildOutput, BuildRequest, BuiltImage } from './build-types.js';
import { builderPaths } from './builder-paths.js';
import { LayerCache } from './layer-cache.js';
import type { BuildContext } from './stage-context.js';
import { cachedStep } from './step-cache.js';
import { planStages, stageIndex } from './stage-plan.js';
import { runStage } from './stage-runner.js';
import { shortImageId, stepLine } from './step-output.js';

/**
 * Builds an image from an unpacked context, as Docker's classic builder does, with BuildKit's
 * choice of stages: only the stages the target needs run, each as soon as the stages it reads
 * are built, so independent stages run side by side. The output is the classic builder's text
 * (`Step N/M : ...`, ` ---> Using cache`, the RUN output, `Successfully built`). The request's
 * labels are a last LABEL step; the tags are written once the image is whole. A failure in one
 * stage stops the others.
 */
export async function buildImage(engine: BuildEngine, request: BuildRequest & { dockerfileText: string }, output: BuildOutput, signal: AbortSignal): Promise<BuiltImage> {
  const dockerfile = parseDockerfile(request.dockerfileText, request.dockerfile);
  checkPlatform(request.platform);
  const host = hostPlatform();
  const args = new BuildArguments(request.buildArgs, platformArgs(host.os, host.architecture, host.variant), dockerfile.globalArgs, dockerfile.directives.escape, dockerfile.file);
  const plan = planStages(dockerfile, request.target, args.globalLookup());
  const labelStep = Object.keys(request.labels).length > 0 ? plan.totalSteps + 1 : undefined;
  const totalSteps = labelStep ?? plan.totalSteps;
  const paths = builderPaths(engine.builderRoot);
  await mkdir(paths.scratch, { recursive: true });
  await using store = await engine.images.lease();
  const scratch = await mkdtemp(join(paths.scratch, 'build-'));
  const stopped = new AbortController();
  const stop = (): void => stopped.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  try {
    const stageImages = new Map<number, Promise<string>>();
    const externals = new Map<string, Promise<string>>();
    const pullOptions = { pull: request.pull, registry: request.registry, output, signal: stopped.signal };
    const context: BuildContext = {
      engine,
      store,
      cache: new LayerCache(paths.cache),
      request,
      dockerfile,
      output,
      scratch,
      cacheMounts: paths.cacheMounts,
      signal: stopped.signal,
      stageImage: async (name, before) => {
        const index = stageIndex(dockerfile.stages, name, before);
        return index === undefined ? undefined : stageImages.get(index);
      },
      externalImage: (name) => {
        let image = externals.get(name);
        if (!image) externals.set(name, (image = baseImage(store, name, pullOptions)));
        return image;
      },
    };
    for (const planned of plan.stages) {
      const { stage } = planned;
      const base = async (): Promise<string> => {
        if (planned.baseStage !== undefined) return stageImages.get(planned.baseStage)!;
        const name = expandWord(stage.from.image, args.globalLookup(), { escape: dockerfile.directives.escape, at: { file: dockerfile.file, line: stage.from.startLine } });
        return context.externalImage(name);
      };
      const built = (async () => {
        await Promise.all(planned.needs.filter((index) => index !== planned.baseStage).map((index) => stageImages.get(index)));
        return runStage(context, planned, totalSteps, args, await base());
      })();
      built.catch(() => stop());
      stageImages.set(stage.index, built);
    }
    // Every stage is awaited, so a failure in one that the target does not wait on is still reported.
    const results = await Promise.allSettled([...stageImages.values()]);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw firstFailure(results, signal) ?? failed.reason;
    let id = await stageImages.get(plan.target)!;
    if (labelStep !== undefined) id = await withLabels(context, id, request.labels, labelStep, totalSteps);
    const unconsumed = args.unconsumed();
    if (unconsumed.length > 0) output.write(`[Warning] One or more build-args [${unconsumed.join(' ')}] were not consumed\n`);
    output.write(`Successfully built ${shortImageId(id)}\n`);
    const tags: string[] = [];
    for (const tag of request.tags) {
      await tagImage(store, id, tag);
      const familiar = familiarTag(tag);
      tags.push(familiar);
      output.write(`Successfully tagged ${familiar}\n`);
    }
    return { id, tags };
  } finally {
    signal.removeEventListener('abort', stop);
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The failure that stopped the build, not the aborts it caused in the other stages. */
function firstFailure(results: ReadonlyArray<PromiseSettledResult<string>>, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  return reasons.find((reason) => !(reason instanceof Error && reason.name === 'AbortError')) ?? reasons[0];
}

/** `app` as `app:latest`, `localhost:5000/app:1` as it is: the name Docker's builder prints and tags. */
function familiarTag(tag: string): string {
  const reference = parseReference(tag);
  return `${familiarReference({ domain: reference.domain, path: reference.path })}:${reference.tag ?? 'latest'}`;
}

/** `--label`s: a last LABEL step on the target, numbered after the Dockerfile's, cached like any other. */
async function withLabels(context: BuildContext, id: string, labels: Readonly<Record<string, string>>, step: number, totalSteps: number): Promise<string> {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const base = await readImageConfig(context.store, id, `image ${id}`);
  const config = copyRunConfig(base.config ?? {});
  config.Labels = { ...config.Labels, ...Object.fromEntries(entries) };
  const createdBy = `LABEL ${entries.map(([key, value]) => `${JSON.stringify(key)}=${JSON.stringify(value)}`).join(' ')}`;
  context.output.write(stepLine(step, totalSteps, createdBy));
  const result = await cachedStep(context, id, ['labels', config], () => storeConfigImage(context.store, id, { config, createdBy }));
  return result.imageId;
}

/** Only the engine's own platform is built: there is no emulation. */
function checkPlatform(platform: string | undefined): void {
  if (platform === undefined || platform === '') return;
  const wanted = parsePlatform(platform);
  const host = hostPlatform();
  if (wanted.os !== host.os || wanted.architecture !== host.architecture) {
    throw new BerthError({
      code: 'BUILD_PLATFORM',
      kind: 'usage',
      message: `cannot build for platform ${platform}: berth's builder builds for its host's platform, ${formatPlatform(host)}, only`,
      hint: `leave out the platform, or ask for ${formatPlatform(host)}`,
    });
  }
}
