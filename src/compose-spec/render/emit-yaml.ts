import type { GoNode } from './go-node.js';
import { formatGoFloat } from './go-values.js';
import { isPrintable, scalarStyle } from './yaml-scalar.js';

/**
 * Writes a value tree as Go's yaml.v3 encoder does with `SetIndent(2)`, the way
 * `docker compose config` prints: block style only, sequences indented under their key,
 * `{}` and `[]` for empty collections, multi-line strings as literal blocks.
 */
export function emitYaml(root: GoNode): string {
  const out: string[] = [];
  if (root.kind === 'map' && root.entries.length > 0) writeMapEntries(root.entries, 0, out, false);
  else if (root.kind === 'seq' && root.items.length > 0) writeSeqItems(root.items, 0, out, false);
  else out.push(`${inline(root) ?? ''}\n`);
  return out.join('');
}

/** Entries of a block mapping whose keys sit at `indent`; the first may continue a `- ` line. */
function writeMapEntries(entries: Array<[string, GoNode]>, indent: number, out: string[], continuesLine: boolean): void {
  entries.forEach(([key, value], index) => {
    const lead = index === 0 && continuesLine ? '' : ' '.repeat(indent);
    const prefix = `${lead}${formatKey(key)}:`;
    writeValue(prefix, value, indent, out, 'map');
  });
}

/** Items of a block sequence whose dashes sit at `indent`; the first may continue a `- ` line. */
function writeSeqItems(items: GoNode[], indent: number, out: string[], continuesLine: boolean): void {
  items.forEach((item, index) => {
    const lead = index === 0 && continuesLine ? '' : ' '.repeat(indent);
    writeValue(`${lead}-`, item, indent, out, 'seq');
  });
}

/** Writes `prefix` (a key and colon, or a dash) followed by the value, at the owner's `indent`. */
function writeValue(prefix: string, value: GoNode, indent: number, out: string[], owner: 'map' | 'seq'): void {
  const single = inline(value);
  if (single !== undefined) {
    out.push(`${prefix} ${single}\n`);
    return;
  }
  if (value.kind === 'map') {
    if (owner === 'seq') {
      out.push(`${prefix} `);
      writeMapEntries(value.entries, indent + 2, out, true);
    } else {
      out.push(`${prefix}\n`);
      writeMapEntries(value.entries, indent + 2, out, false);
    }
  } else if (value.kind === 'seq') {
    if (owner === 'seq') {
      out.push(`${prefix} `);
      writeSeqItems(value.items, indent + 2, out, true);
    } else {
      out.push(`${prefix}\n`);
      writeSeqItems(value.items, indent + 2, out, false);
    }
  } else if (value.kind === 'str') {
    out.push(`${prefix} ${literalBlock(value.value, indent + 2)}`);
  }
}

/** The one-line form of a value, or undefined when it needs lines of its own. */
function inline(value: GoNode): string | undefined {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return String(value.value);
    case 'float':
      return formatGoFloat(value.value, value.bits);
    case 'map':
      return value.entries.length === 0 ? '{}' : undefined;
    case 'seq':
      return value.items.length === 0 ? '[]' : undefined;
    case 'str': {
      const style = scalarStyle(value.value, false);
      return style === 'literal' ? undefined : quote(value.value, style);
    }
  }
}

function formatKey(key: string): string {
  return quote(key, scalarStyle(key, true));
}

function quote(value: string, style: 'plain' | 'single' | 'double' | 'literal'): string {
  if (style === 'plain') return value;
  if (style === 'single') return `'${value.replaceAll("'", "''")}'`;
  return doubleQuoted(value);
}

const shortEscapes: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\x0b': '\\v', '\f': '\\f', '\r': '\\r',
  '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P',
};

/** libyaml's double-quoted writer: escapes for quotes, backslashes, breaks and non-printable runes. */
function doubleQuoted(value: string): string {
  let text = '"';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    const mustEscape = !isPrintable(c) || code === 0xfeff || c === '"' || c === '\\' || c === '\n' ||
      c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
    if (!mustEscape) {
      text += c;
    } else if (shortEscapes[c] !== undefined) {
      text += shortEscapes[c];
    } else if (code <= 0xff) {
      text += `\\x${hex(code, 2)}`;
    } else if (code <= 0xffff) {
      text += `\\u${hex(code, 4)}`;
    } else {
      text += `\\U${hex(code, 8)}`;
    }
  }
  return `${text}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** `|`, `|-` or `|+` (with an indentation digit when the text starts with a space), then the lines. */
function literalBlock(value: string, indent: number): string {
  let header = '|';
  if (value.startsWith(' ') || value.startsWith('\n')) header += '2';
  if (!value.endsWith('\n')) header += '-';
  else if (value === '\n' || value.endsWith('\n\n')) header += '+';
  const pad = ' '.repeat(indent);
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  const lines = body.split('\n').map((line) => (line === '' ? '' : `${pad}${line}`));
  return `${header}\n${lines.join('\n')}\n`;
}
