/**
 * Word expansion with the Dockerfile's rules (BuildKit's shell lexer): what the builder applies to
 * an instruction's words with the ARG and ENV values in scope when it reaches that instruction.
 */
export { expandHeredoc, expandWord, expandWords } from './expand.js';
export type { ExpansionOptions } from './expand.js';
export type { VariableLookup } from './word-lexer.js';
export { EXPANDED_INSTRUCTIONS, expandsVariables } from './expanded-instructions.js';
