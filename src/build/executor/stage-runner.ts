import { copyRunConfig, storeConfigImage } from '../../runtime/containers/commit/index.js';
import { readImageConfig } from '../../runtime/images/operations/index.js';
import { parseOnbuildTrigger, type ArgInstruction, type Instruction, type OnbuildTrigger } from '../dockerfile/index.js';
import { applyConfigInstruction, isConfigInstruction, type ConfigInstruction } from './config-instructions.js';
import { copyStep } from './copy-step.js';
import { runStep } from './run-step.js';
import { cachedStep, type StepResult } from './step-cache.js';
import type { BuildContext, StageState } from './stage-context.js';
import { shortImageId, stepLine } from './step-output.js';
import type { PlannedStage } from './stage-plan.js';
import type { BuildArguments } from './build-scope.js';
import { workdirImage } from './workdir-step.js';

/**
 * Builds one stage: its base image (an earlier stage's, or one from the store or a registry), the
 * base's ONBUILD triggers, then each instruction in order, each step through the layer cache.
 * Returns the stage's image id.
 */
export async function runStage(context: BuildContext, planned: PlannedStage, totalSteps: number, args: BuildArguments, baseId: string): Promise<string> {
  const { stage } = planned;
  context.output.write(stepLine(planned.firstStep, totalSteps, stage.from.text));
  context.output.write(` ---> ${shortImageId(baseId)}\n`);
  const base = await readImageConfig(context.store, baseId, `image ${stage.from.image}`);
  const state: StageState = { stage: stage.index, imageId: baseId, config: copyRunConfig(base.config ?? {}), args: args.stageScope(), facts: { cmdSet: false } };
  const triggers = state.config.OnBuild ?? [];
  if (triggers.length > 0) {
    context.output.write(`# Executing ${triggers.length} build trigger${triggers.length > 1 ? 's' : ''}\n`);
    // The triggers are the base's: the child neither keeps nor runs them again.
    delete state.config.OnBuild;
    for (const expression of triggers) await runInstruction(context, state, parseOnbuildTrigger(expression, `${context.dockerfile.file} (ONBUILD of ${stage.from.image})`));
  }
  let step = planned.firstStep;
  for (const instruction of stage.instructions) {
    step += 1;
    context.signal.throwIfAborted();
    context.output.write(stepLine(step, totalSteps, instruction.text));
    await runInstruction(context, state, instruction);
  }
  return state.imageId;
}

async function runInstruction(context: BuildContext, state: StageState, instruction: Instruction | OnbuildTrigger): Promise<void> {
  let result: StepResult;
  if (instruction.keyword === 'ARG') result = await argStep(context, state, instruction);
  else if (instruction.keyword === 'RUN') result = await runStep(context, state, instruction);
  else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') result = await copyStep(context, state, instruction);
  else if (isConfigInstruction(instruction)) result = await configStep(context, state, instruction);
  else return;
  state.imageId = result.imageId;
}

/** ARG: the values it declares join the stage's scope, and the step is an image of its own, as in Docker's classic builder. */
async function argStep(context: BuildContext, state: StageState, instruction: ArgInstruction): Promise<StepResult> {
  state.args.declare(instruction, state.config.Env ?? [], context.dockerfile.file);
  return cachedStep(context, state.imageId, ['ARG', instruction.text, state.args.keyed()], () => storeConfigImage(context.store, state.imageId, { config: state.config, createdBy: instruction.text }));
}

/** ENV, LABEL, CMD and the other config instructions: a new config, no container (WORKDIR makes its directory when missing). */
async function configStep(context: BuildContext, state: StageState, instruction: ConfigInstruction): Promise<StepResult> {
  const config = copyRunConfig(state.config);
  const lookup = state.args.lookup(state.config.Env ?? []);
  applyConfigInstruction(config, instruction, { lookup, escape: context.dockerfile.directives.escape, file: context.dockerfile.file }, state.facts);
  const make = instruction.keyword === 'WORKDIR' ? () => workdirImage(context, state, config, instruction.text) : () => storeConfigImage(context.store, state.imageId, { config, createdBy: instruction.text });
  const result = await cachedStep(context, state.imageId, ['config', instruction.keyword, config], make);
  state.config = config;
  return result;
}
