import type { InstructionKeyword } from '../instruction-types.js';

/**
 * The instructions whose words the builder expands, from the Dockerfile reference's "Environment
 * replacement", plus ARG, whose names and defaults BuildKit expands too. ONBUILD's trigger is
 * expanded when it runs in a later build, by its own keyword's rule. RUN, CMD, ENTRYPOINT, SHELL
 * and HEALTHCHECK are left to the shell (RUN's `--mount` values are expanded, though).
 */
export const EXPANDED_INSTRUCTIONS: readonly InstructionKeyword[] = [
  'ADD',
  'ARG',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'ONBUILD',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

export function expandsVariables(keyword: InstructionKeyword): boolean {
  return EXPANDED_INSTRUCTIONS.includes(keyword);
}
