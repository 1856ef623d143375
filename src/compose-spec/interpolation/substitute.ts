import { isNameStart, nameEnd, readBracedReference, type BracedReference } from './template-syntax.js';

/** Where substitution reads variables, and who hears about the unset ones. */
export interface TemplateMapping {
  /** The variable's value, or undefined when it is unset (an empty string is set). */
  lookup(name: string): string | undefined;
  /** A plain `$NAME` or `${NAME}` was unset and became "". */
  onUnset?(name: string): void;
}

export type TemplateFailure =
  /** `template` is the text being substituted when the bad `${` was found (a default's own text for a nested one). */
  | { kind: 'invalid'; template: string }
  | { kind: 'required'; name: string; reason: string };

/**
 * Substitution failed. Never shown as is: `interpolateString` and the .env parser turn it into a
 * ComposeError that says where the template was.
 */
export class TemplateError extends Error {
  constructor(readonly failure: TemplateFailure) {
    super(describeTemplateFailure(failure));
    this.name = 'TemplateError';
  }
}

/** Compose's own wording: `required variable DB_PASSWORD is missing a value: set it in .env`. */
export function describeTemplateFailure(failure: TemplateFailure): string {
  if (failure.kind === 'invalid') return `invalid interpolation format: ${JSON.stringify(failure.template)}`;
  const reason = failure.reason === '' ? '' : `: ${failure.reason}`;
  return `required variable ${failure.name} is missing a value${reason}`;
}

/**
 * Replaces `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alternate}`,
 * `${NAME+alternate}`, `${NAME:?message}`, `${NAME?message}` and `$$` as compose-go does. A `$`
 * followed by anything else (`$1`, `$-`, a final `$`) stays as it is; a `${` that starts no valid
 * reference is an invalid template. Defaults, alternates and messages are substituted only when used.
 */
export function substituteTemplate(template: string, mapping: TemplateMapping): string {
  let result = '';
  let index = 0;
  while (index < template.length) {
    const dollar = template.indexOf('$', index);
    if (dollar === -1) return result + template.slice(index);
    result += template.slice(index, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      result += '$';
      index = dollar + 2;
    } else if (isNameStart(next)) {
      const end = nameEnd(template, dollar + 1);
      result += valueOrBlank(template.slice(dollar + 1, end), mapping);
      index = end;
    } else if (next === '{') {
      const reference = readBracedReference(template, dollar);
      if (!reference) throw new TemplateError({ kind: 'invalid', template });
      result += substituteReference(reference, mapping);
      index = reference.end;
    } else {
      result += '$';
      index = dollar + 1;
    }
  }
  return result;
}

function substituteReference(reference: BracedReference, mapping: TemplateMapping): string {
  if (!reference.operator) return valueOrBlank(reference.name, mapping);
  return applyOperator(reference, mapping) + substituteTemplate(reference.rest, mapping);
}

function applyOperator(reference: BracedReference, mapping: TemplateMapping): string {
  const value = mapping.lookup(reference.name);
  const operator = reference.operator!;
  // With a colon, an empty value counts as missing; without one, only an unset variable does.
  const usable = value !== undefined && (!operator.startsWith(':') || value !== '');
  switch (operator) {
    case ':-':
    case '-':
      return usable ? value! : substituteTemplate(reference.argument, mapping);
    case ':+':
    case '+':
      return usable ? substituteTemplate(reference.argument, mapping) : (value ?? '');
    case ':?':
    case '?':
      if (usable) return value!;
      throw new TemplateError({
        kind: 'required',
        name: reference.name,
        reason: substituteTemplate(reference.argument, mapping),
      });
  }
}

function valueOrBlank(name: string, mapping: TemplateMapping): string {
  const value = mapping.lookup(name);
  if (value === undefined) mapping.onUnset?.(name);
  return value ?? '';
}
