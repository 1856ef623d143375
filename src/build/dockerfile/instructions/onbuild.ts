import type { OnbuildInstruction, OnbuildTrigger } from '../instruction-types.js';
import { syntaxError, type InstructionSource } from './instruction-source.js';

/** Rejects an empty ONBUILD and the triggers Docker forbids, before the trigger is parsed. */
export function checkTriggerKeyword(source: InstructionSource, triggerKeyword: string): void {
  if (source.rest === '') throw syntaxError('ONBUILD requires at least one argument', 'write ONBUILD <instruction>');
  const keyword = triggerKeyword.toUpperCase();
  if (keyword === 'ONBUILD') throw syntaxError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", 'give ONBUILD one instruction');
  if (keyword === 'FROM' || keyword === 'MAINTAINER') {
    throw syntaxError(`${keyword} isn't allowed as an ONBUILD trigger`, 'ONBUILD takes any instruction but ONBUILD, FROM and MAINTAINER');
  }
}

/**
 * `ONBUILD <instruction>` with its parsed trigger (whose text is the line without ONBUILD). The
 * expression is what the image config keeps: that text, then any heredoc bodies and terminators.
 */
export function onbuildOf(source: InstructionSource, trigger: OnbuildTrigger): OnbuildInstruction {
  const expression = trigger.text + source.heredocs.map((heredoc) => `\n${heredoc.content}${heredoc.name}`).join('');
  return { keyword: 'ONBUILD', ...source.position, trigger, expression };
}
