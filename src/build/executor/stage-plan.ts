import { DockerfileError, expandWord, parseRunMount, type Dockerfile, type Stage, type VariableLookup } from '../dockerfile/index.js';

/** A stage the build needs, and the earlier stages it needs first. */
export interface PlannedStage {
  stage: Stage;
  /** The stage its FROM names, when it builds on one. */
  baseStage?: number;
  /** Every stage it reads (its base, COPY --from, RUN --mount from), by index. */
  needs: number[];
  /** The number of its FROM line in Docker's `Step N/M`; its instructions follow it. */
  firstStep: number;
}

export interface StagePlan {
  /** The stages to build, in file order: only those the target needs, as BuildKit builds. */
  stages: PlannedStage[];
  /** The target's index. */
  target: number;
  /** M in `Step N/M`. */
  totalSteps: number;
}

/**
 * Which stages a build runs: the target (the last stage unless `target` names one) and, through
 * FROM, COPY --from and RUN --mount from, every stage it reads; the others are skipped. A
 * reference to a stage is its `AS` name or its index, and only to an earlier stage; anything else
 * is an image. `lookup` expands FROM lines (the global ARGs) and the other references.
 */
export function planStages(dockerfile: Dockerfile, target: string | undefined, lookup: VariableLookup): StagePlan {
  const { stages, file } = dockerfile;
  const targetIndex = target === undefined || target === '' ? stages.length - 1 : stages.findIndex((stage) => stage.name === target.toLowerCase());
  if (targetIndex === -1) {
    const names = stages.flatMap((stage) => (stage.name ? [stage.name] : []));
    throw new DockerfileError({
      code: 'DOCKERFILE_NO_STAGE',
      detail: `failed to reach build target ${target} in Dockerfile`,
      hint: names.length > 0 ? `the stages are ${names.join(', ')}` : 'the Dockerfile names no stage: add `AS <name>` to a FROM line, or leave out the target',
      at: { file },
    });
  }
  const references = stages.map((stage) => stageReferences(dockerfile, stage, lookup));
  const needed = new Set<number>();
  const visit = (index: number): void => {
    if (needed.has(index)) return;
    needed.add(index);
    for (const dependency of references[index]!.needs) visit(dependency);
  };
  visit(targetIndex);
  const planned: PlannedStage[] = [];
  let step = 1;
  for (const stage of stages) {
    if (!needed.has(stage.index)) continue;
    const { base, needs } = references[stage.index]!;
    planned.push({ stage, ...(base !== undefined ? { baseStage: base } : {}), needs: [...needs], firstStep: step });
    step += 1 + stage.instructions.length;
  }
  return { stages: planned, target: targetIndex, totalSteps: step - 1 };
}

/** The index of the earlier stage `name` refers to (an `AS` name or an index), or undefined for an image. */
export function stageIndex(stages: readonly Stage[], name: string, before: number): number | undefined {
  const lower = name.toLowerCase();
  const named = stages.findIndex((stage) => stage.name === lower);
  if (named !== -1 && named < before) return named;
  if (/^\d+$/.test(name)) {
    const index = Number(name);
    if (index < before) return index;
  }
  return undefined;
}

function stageReferences(dockerfile: Dockerfile, stage: Stage, lookup: VariableLookup): { base: number | undefined; needs: Set<number> } {
  const escape = dockerfile.directives.escape;
  const image = expandWord(stage.from.image, lookup, { escape, at: { file: dockerfile.file, line: stage.from.startLine } });
  const namedBase = dockerfile.stages.findIndex((candidate) => candidate.name === image.toLowerCase());
  const base = namedBase !== -1 && namedBase < stage.index ? namedBase : undefined;
  const needs = new Set<number>(base !== undefined ? [base] : []);
  for (const instruction of stage.instructions) {
    const at = { file: dockerfile.file, line: instruction.startLine };
    const sources: string[] = [];
    if (instruction.keyword === 'COPY' && instruction.from !== undefined) sources.push(expandWord(instruction.from, lookup, { escape, at }));
    if (instruction.keyword === 'RUN') {
      for (const spec of instruction.mounts) {
        const mount = parseRunMount(spec, (word) => expandWord(word, lookup, { escape, at }), at);
        if (mount.from !== undefined) sources.push(mount.from);
      }
    }
    for (const source of sources) {
      const index = stageIndex(dockerfile.stages, source, stage.index);
      if (index !== undefined) needs.add(index);
      else if (source.toLowerCase() === stage.name) {
        throw new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail: `circular dependency detected on stage: ${stage.name}`, hint: 'a stage cannot copy from itself; copy from an earlier stage', at });
      }
    }
  }
  return { base, needs };
}
