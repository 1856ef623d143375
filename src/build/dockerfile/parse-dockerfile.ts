import type { Dockerfile, DockerfileWarning } from './dockerfile-types.js';
import { DockerfileError } from './dockerfile-error.js';
import type { EscapeCharacter, Instruction, OnbuildTrigger } from './instruction-types.js';
import { parseInstruction } from './instructions/parse-instruction.js';
import { groupStages } from './stages.js';
import { trimSpace } from './syntax/characters.js';
import { readParserDirectives } from './syntax/directives.js';
import { heredocsOpenedBy, readHeredocBodies, type HeredocOpener } from './syntax/heredocs.js';
import { jsonArrayOf } from './syntax/json-form.js';
import { nextLogicalLine, type LogicalLine } from './syntax/logical-lines.js';
import { SourceLines } from './syntax/source-lines.js';
import { splitCommand, type CommandParts } from './syntax/split-command.js';

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const FORBIDDEN_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/**
 * Parses a Dockerfile with Docker's rules (BuildKit's frontend): parser directives, continuation
 * lines, comments, heredocs, the JSON and shell forms, flags, and the instructions grouped into
 * stages. Nothing is expanded yet. `file` names the Dockerfile in errors: `Dockerfile:7: ...`.
 * Throws a `DockerfileError` (kind `usage`) at the first mistake.
 */
export function parseDockerfile(text: string, file = 'Dockerfile'): Dockerfile {
  const directives = readParserDirectives(text, file);
  const warnings: DockerfileWarning[] = [];
  const instructions = readInstructions(text, directives.escape, file, warnings);
  return { file, directives, ...groupStages(instructions, file), warnings };
}

/**
 * Parses one ONBUILD trigger of a base image's config (`expression` as `OnbuildInstruction`
 * stores it) into the instruction the child build runs after its FROM. `origin` names it in
 * errors, e.g. `ONBUILD trigger of node:20-onbuild`.
 */
export function parseOnbuildTrigger(expression: string, origin: string): OnbuildTrigger {
  const instructions = readInstructions(expression, '\\', origin, []);
  const [trigger] = instructions;
  if (instructions.length !== 1 || trigger === undefined) {
    throw new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail: 'onbuild trigger should be a single expression', at: { file: origin } });
  }
  if (FORBIDDEN_TRIGGERS.has(trigger.keyword)) {
    throw new DockerfileError({ code: 'DOCKERFILE_SYNTAX', detail: `${trigger.keyword} isn't allowed as an ONBUILD trigger`, at: { file: origin } });
  }
  return trigger as OnbuildTrigger;
}

function readInstructions(text: string, escape: EscapeCharacter, file: string, warnings: DockerfileWarning[]): Instruction[] {
  const lines = new SourceLines(text);
  const instructions: Instruction[] = [];
  for (let line = nextLogicalLine(lines, escape); line; line = nextLogicalLine(lines, escape)) {
    const at = { file, line: line.startLine };
    const warn = (message: string): void => void warnings.push({ line: at.line, message });
    if (line.hasEmptyContinuationLine) warn('empty continuation line: Docker will reject empty continuation lines in a future release');
    try {
      instructions.push(instructionOf(line, lines, escape, warn));
    } catch (error) {
      // Instruction parsers throw without a location; the line is known here.
      if (error instanceof DockerfileError && error.file === undefined) throw error.at(at);
      throw error;
    }
  }
  return instructions;
}

function instructionOf(line: LogicalLine, lines: SourceLines, escape: EscapeCharacter, warn: (message: string) => void): Instruction {
  const parts = splitCommand(line.text);
  const heredocs = readHeredocBodies(heredocOpeners(parts, line.text), lines);
  const position = { startLine: line.startLine, endLine: lines.lineNumber, text: trimSpace(line.text), source: lines.slice(line.startLine, lines.lineNumber) };
  return parseInstruction(parts, { heredocs, escape, position, warn });
}

/** RUN, COPY and ADD in the shell form may open heredocs, also as an ONBUILD trigger. */
function heredocOpeners(parts: CommandParts, line: string): HeredocOpener[] {
  const target = parts.keyword.toUpperCase() === 'ONBUILD' ? splitCommand(parts.rest) : parts;
  if (!HEREDOC_KEYWORDS.has(target.keyword.toUpperCase()) || jsonArrayOf(target.rest) !== undefined) return [];
  return heredocsOpenedBy(line);
}
