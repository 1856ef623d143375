import { BerthError } from '../../errors/index.js';

/**
 * The part of Go's text/template that `--format` strings use in practice: field access
 * (`{{.Name}}`, `{{.Labels.tier}}`), `.` itself, `json` (`{{json .}}`, `{{json .Ports}}`), and the
 * `{{-`/`-}}` markers that trim the whitespace beside an action. Anything else is refused by name
 * rather than printed wrongly.
 */
export type Template = (data: Readonly<Record<string, unknown>>) => string;

type Part = { text: string } | { path: string[]; json: boolean };

/** Parses `source` once; `fields` are the names `.Field` may use, checked now so a typo fails even with nothing to list. */
export function parseTemplate(source: string, fields: readonly string[]): Template {
  const parts: Part[] = [];
  const action = /\{\{(-\s)?\s*(.*?)\s*(\s-)?\}\}/gs;
  let last = 0;
  let trimNext = false;
  for (const match of source.matchAll(action)) {
    let text = source.slice(last, match.index);
    if (trimNext) text = text.trimStart();
    if (match[1]) text = text.trimEnd();
    parts.push({ text });
    parts.push(parseAction(match[2]!, fields));
    trimNext = match[3] !== undefined;
    last = match.index + match[0].length;
  }
  const rest = source.slice(last);
  if (rest.includes('{{')) throw templateError(`unclosed action in "${source}"`);
  parts.push({ text: trimNext ? rest.trimStart() : rest });
  return (data) => parts.map((part) => ('text' in part ? part.text : render(lookup(data, part.path), part.json))).join('');
}

function parseAction(body: string, fields: readonly string[]): Part {
  const words = body.split(/\s+/);
  const json = words[0] === 'json' && words.length === 2;
  const reference = json ? words[1]! : words[0]!;
  if ((!json && words.length !== 1) || !reference.startsWith('.')) {
    throw templateError(`"{{${body}}}" is not supported; use field references such as {{.Name}} or {{json .}}`);
  }
  const path = reference === '.' ? [] : reference.slice(1).split('.');
  const field = path[0];
  if (field !== undefined && !fields.includes(field)) {
    throw templateError(`can't evaluate field ${field}`, `the fields are ${fields.map((name) => `.${name}`).join(', ')}`);
  }
  return { path, json };
}

function lookup(data: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function render(value: unknown, json: boolean): string {
  if (json) return JSON.stringify(value ?? null);
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function templateError(message: string, hint?: string): BerthError {
  return new BerthError({ code: 'FORMAT_TEMPLATE', kind: 'usage', message: `--format: ${message}`, hint });
}
