/**
 * The syntax of Compose's variable references, shared by substitution and by `config --variables`.
 *
 * compose-go matches references with one regular expression,
 * `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))`, and then splits a
 * braced match at its first balanced closing brace. This module reproduces what that expression
 * and split select, so berth substitutes exactly the same text Compose does, quirks included:
 * an operator's argument runs to the LAST `}` of the line (`.` never crosses a line break), and
 * whatever follows the first balanced `}` is substituted separately as the rest of the match.
 */

/** Operators in the order a reference spells them: `${NAME<operator>argument}`. */
export type TemplateOperator = ':-' | '-' | ':+' | '+' | ':?' | '?';

/** One `${...}` reference found in a template. */
export interface BracedReference {
  name: string;
  /** Absent for a plain `${NAME}`. */
  operator?: TemplateOperator;
  /** The default, alternate value or error message, not yet substituted. */
  argument: string;
  /** Text after the first balanced `}` that the match swallowed; substituted on its own. */
  rest: string;
  /** Index just after the whole match. */
  end: number;
}

export function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z_]$/.test(char);
}

/** Index just after the variable name that starts at `start`. */
export function nameEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && /^[A-Za-z0-9_]$/.test(text[index]!)) index++;
  return index;
}

/**
 * Reads the braced reference whose `$` is at `dollar` (the next character is `{`). Undefined when
 * the text after `${` is not a valid reference: Compose reports those as invalid templates.
 */
export function readBracedReference(text: string, dollar: number): BracedReference | undefined {
  const nameStart = dollar + 2;
  if (!isNameStart(text[nameStart])) return undefined;
  const afterName = nameEnd(text, nameStart);
  const name = text.slice(nameStart, afterName);
  if (text[afterName] === '}') return { name, argument: '', rest: '', end: afterName + 1 };

  const operator = operatorAt(text, afterName);
  if (!operator) return undefined;
  const argumentStart = afterName + operator.length;
  const lineEnd = text.indexOf('\n', argumentStart);
  const lastBrace = text.lastIndexOf('}', (lineEnd === -1 ? text.length : lineEnd) - 1);
  if (lastBrace < argumentStart) return undefined;

  const match = text.slice(dollar, lastBrace + 1);
  const close = firstBalancedClose(match);
  const head = close === -1 ? match : match.slice(0, close + 1);
  return {
    name,
    operator,
    argument: head.slice(argumentStart - dollar, -1),
    rest: close === -1 ? '' : match.slice(close + 1),
    end: lastBrace + 1,
  };
}

function operatorAt(text: string, index: number): TemplateOperator | undefined {
  const first = text[index];
  const second = text[index + 1];
  if (first === ':' && (second === '-' || second === '+' || second === '?')) return `:${second}`;
  if (first === '-' || first === '+' || first === '?') return first;
  return undefined;
}

/**
 * Index of the `}` that closes the match's opening brace, counted as compose-go counts it: every
 * `{` opens a level and hides the character after it. -1 when the braces never balance.
 */
function firstBalancedClose(match: string): number {
  let open = 0;
  for (let index = 0; index < match.length; index++) {
    if (match[index] === '}') {
      open--;
      if (open === 0) return index;
    }
    if (match[index] === '{') {
      open++;
      index++;
    }
  }
  return -1;
}
