import type { Stage } from './dockerfile-types.js';
import { DockerfileError } from './dockerfile-error.js';
import type { ArgInstruction, Instruction } from './instruction-types.js';

/**
 * Groups the instructions into stages, each starting at a FROM. Only ARG may come before the first
 * FROM (global args); stage names must be unique.
 */
export function groupStages(instructions: readonly Instruction[], file: string): { globalArgs: ArgInstruction[]; stages: Stage[] } {
  const globalArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const current = stages.at(-1);
    if (instruction.keyword === 'FROM') {
      const { stageName } = instruction;
      const name = stageName === undefined ? {} : { name: uniqueName(stageName, stages, file, instruction.startLine) };
      stages.push({ index: stages.length, ...name, from: instruction, instructions: [] });
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      globalArgs.push(instruction);
    } else {
      throw new DockerfileError({
        code: 'DOCKERFILE_NO_STAGE',
        detail: `no build stage in current context: ${instruction.keyword} comes before the first FROM`,
        hint: 'start the stage with FROM <image>; only ARG may come before the first FROM',
        at: { file, line: instruction.startLine },
      });
    }
  }
  if (stages.length === 0) {
    throw new DockerfileError({
      code: 'DOCKERFILE_NO_STAGE',
      detail: 'no build stage in Dockerfile',
      hint: instructions.length === 0 ? 'the file has no instructions; start it with FROM <image>' : 'add FROM <image> to start a build stage; ARG lines before it only set global build arguments',
      at: { file },
    });
  }
  return { globalArgs, stages };
}

function uniqueName(name: string, stages: readonly Stage[], file: string, line: number): string {
  const earlier = stages.find((stage) => stage.name === name);
  if (!earlier) return name;
  throw new DockerfileError({
    code: 'DOCKERFILE_SYNTAX',
    detail: `duplicate stage name "${name}"`,
    hint: `stage ${earlier.index} (line ${earlier.from.startLine}) is already named "${name}"; rename one of them`,
    at: { file, line },
  });
}
