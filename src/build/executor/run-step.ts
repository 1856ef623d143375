import type { ContainerCreateRequest } from '../../api/types/containers.js';
import { BerthError } from '../../errors/index.js';
import { commitContainer } from '../../runtime/containers/commit/index.js';
import { expandWord, parseRunMount, type RunInstruction } from '../dockerfile/index.js';
import { shellOf } from './config-instructions.js';
import { KeyedLocks } from './keyed-locks.js';
import { runArgs } from './run-command.js';
import { prepareMounts } from './run-mounts.js';
import { cachedStep, type StepResult } from './step-cache.js';
import type { BuildContext, StageState } from './stage-context.js';
import { withStepContainer } from './step-container.js';
import { shortImageId } from './step-output.js';

/** `sharing=locked` cache mounts: one RUN at a time per cache id, across every build of the daemon. */
const lockedCaches = new KeyedLocks();

/**
 * RUN in a container of the engine, as the classic builder runs it: the current image with the
 * stage's environment plus the declared ARGs, its working directory and user, the build's network
 * (or the step's `--network`), the build's extra hosts, and the step's `--mount`s. Its output is
 * the build's output as it comes. A non-zero exit fails the build with Docker's words; else the
 * container's changes are committed, without the mount points, and the container removed. The
 * cache key holds the command, the ARG values (as Docker's does) and what bind mounts read;
 * secrets are never part of a key, a config, a layer or the output.
 */
export async function runStep(context: BuildContext, state: StageState, instruction: RunInstruction): Promise<StepResult> {
  const { dockerfile, request } = context;
  const line = `${dockerfile.file}:${instruction.startLine}`;
  const at = { file: dockerfile.file, line: instruction.startLine };
  const env = state.config.Env ?? [];
  const lookup = state.args.lookup(env);
  const mountSpecs = instruction.mounts.map((spec) => parseRunMount(spec, (word) => expandWord(word, lookup, { escape: dockerfile.directives.escape, at }), at));
  const args = runArgs(instruction, shellOf(state.config));
  const network = instruction.network === 'default' ? request.networkMode : instruction.network;
  const mounts = await prepareMounts(context, mountSpecs, state.stage, state.config.WorkingDir ?? '/', line);
  const key = ['RUN', args, network, instruction.security, state.args.keyed(), mounts.keys];
  return cachedStep(context, state.imageId, key, async () => {
    const runEnv = [...env, ...state.args.runEnvironment(env)];
    const config = { Cmd: args, Entrypoint: [], Env: runEnv, ...(state.config.WorkingDir ? { WorkingDir: state.config.WorkingDir } : {}), ...(state.config.User ? { User: state.config.User } : {}) };
    const create: ContainerCreateRequest = {
      ...config,
      Image: state.imageId,
      Env: [...runEnv, ...state.args.proxyEnvironment(env), ...mounts.secretEnv],
      HostConfig: {
        NetworkMode: network,
        ...(request.extraHosts.length > 0 ? { ExtraHosts: [...request.extraHosts] } : {}),
        ...(mounts.mounts.length > 0 ? { Mounts: mounts.mounts } : {}),
        ...(instruction.security === 'insecure' ? { Privileged: true } : {}),
      },
    };
    const run = (): Promise<string> =>
      withStepContainer(context, create, async (id) => {
        context.output.write(` ---> Running in ${shortImageId(id)}\n`);
        const exited = context.engine.containers.wait(id, 'next-exit', context.signal);
        // Awaited only after the output: a stopped build rejects it earlier, which must not count as unhandled.
        exited.catch(() => undefined);
        await context.engine.containers.start(id);
        for await (const message of context.engine.containers.logs(id, { follow: true, stdout: true, stderr: true, signal: context.signal })) {
          context.output.write(message.text.toString('utf8'));
        }
        const { StatusCode: code } = await exited;
        if (code !== 0) {
          throw new BerthError({
            code: 'BUILD_RUN_FAILED',
            kind: 'usage',
            message: `The command '${args.join(' ')}' returned a non-zero code: ${code}`,
            hint: `${line}: the step's output above says why it failed; fix the command or what it needs`,
          });
        }
        const committed = await commitContainer(context.engine, id, { config: state.config, createdBy: `RUN ${args.join(' ')}`, pause: false, leaveOut: mounts.targets, buildStep: { containerConfig: { ...config, Image: state.imageId } } });
        context.output.write(`Removing intermediate container ${shortImageId(id)}\n`);
        return committed.id;
      });
    return lockedCaches.hold(mounts.locked, run);
  });
}
