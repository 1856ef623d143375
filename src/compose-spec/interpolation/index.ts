/**
 * Variable interpolation as Compose does it (compose-go `template/` and `interpolation/`):
 * substitution of `$NAME` and `${NAME...}` references in the string values of a compose
 * document, and the list of variables a document uses (`config --variables`).
 */
export { interpolateString, interpolateTree, unsetVariableWarning } from './interpolate.js';
export type { InterpolationContext } from './interpolate.js';
export { collectVariables } from './collect-variables.js';
export type { VariableUse } from './collect-variables.js';
export { substituteTemplate, TemplateError, describeTemplateFailure } from './substitute.js';
export type { TemplateMapping, TemplateFailure } from './substitute.js';
