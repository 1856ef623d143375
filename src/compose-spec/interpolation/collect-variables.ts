import { isNameStart, nameEnd, readBracedReference, type BracedReference } from './template-syntax.js';

/** One row of `config --variables`: NAME, REQUIRED, DEFAULT VALUE, ALTERNATE VALUE. */
export interface VariableUse {
  name: string;
  required: boolean;
  defaultValue?: string;
  alternateValue?: string;
}

/**
 * Every variable a compose document references, one per name, sorted by name. As in Compose, a
 * name used several times is required when any use is, and keeps the first non-empty default and
 * alternate value; variables inside defaults, alternates and messages count too. Mapping keys are
 * not looked at, since they are never interpolated.
 */
export function collectVariables(root: unknown): VariableUse[] {
  const byName = new Map<string, VariableUse>();
  const record = (use: VariableUse): void => {
    const known = byName.get(use.name);
    if (!known) {
      byName.set(use.name, use);
      return;
    }
    known.required ||= use.required;
    known.defaultValue ||= use.defaultValue;
    known.alternateValue ||= use.alternateValue;
  };
  visitStrings(root, (text) => referencesIn(text).forEach(record));
  return [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(withoutEmptyValues);
}

function visitStrings(node: unknown, onString: (text: string) => void): void {
  if (typeof node === 'string') onString(node);
  else if (Array.isArray(node)) node.forEach((item) => visitStrings(item, onString));
  else if (typeof node === 'object' && node !== null) Object.values(node).forEach((value) => visitStrings(value, onString));
}

/** The references of one string, in the order Compose lists them. */
function referencesIn(text: string): VariableUse[] {
  const uses: VariableUse[] = [];
  let index = 0;
  while ((index = text.indexOf('$', index)) !== -1) {
    const next = text[index + 1];
    if (next === '$') {
      index += 2;
    } else if (isNameStart(next)) {
      const end = nameEnd(text, index + 1);
      uses.push({ name: text.slice(index + 1, end), required: false });
      index = end;
    } else if (next === '{') {
      const reference = readBracedReference(text, index);
      // An invalid `${` names no variable; interpolation reports it.
      if (!reference) {
        index += 2;
        continue;
      }
      uses.push(...referencesIn(reference.rest), ...braced(reference));
      index = reference.end;
    } else {
      index += 1;
    }
  }
  return uses;
}

function braced(reference: BracedReference): VariableUse[] {
  const { name, operator, argument } = reference;
  const use: VariableUse = { name, required: operator === ':?' || operator === '?' };
  if (operator === ':-' || operator === '-') use.defaultValue = argument;
  if (operator === ':+' || operator === '+') use.alternateValue = argument;
  return [use, ...referencesIn(argument)];
}

function withoutEmptyValues(use: VariableUse): VariableUse {
  const result: VariableUse = { name: use.name, required: use.required };
  if (use.defaultValue) result.defaultValue = use.defaultValue;
  if (use.alternateValue) result.alternateValue = use.alternateValue;
  return result;
}
