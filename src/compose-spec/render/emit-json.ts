import type { GoNode } from './go-node.js';

/**
 * Writes a value tree as Go's `json.MarshalIndent(v, "", "  ")` does: two-space indentation,
 * `{}` and `[]` for empty collections, and Go's string escapes (`<`, `>` and `&` as `\u003c`,
 * `\u003e`, `\u0026`; U+2028 and U+2029 escaped too).
 */
export function emitJson(root: GoNode): string {
  return write(root, '');
}

function write(node: GoNode, indent: string): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'int':
      return String(node.value);
    case 'float':
      return goJsonFloat(node.value);
    case 'str':
      return goJsonString(node.value);
    case 'seq': {
      if (node.items.length === 0) return '[]';
      const inner = `${indent}  `;
      return `[\n${node.items.map((item) => `${inner}${write(item, inner)}`).join(',\n')}\n${indent}]`;
    }
    case 'map': {
      if (node.entries.length === 0) return '{}';
      const inner = `${indent}  `;
      const lines = node.entries.map(([key, value]) => `${inner}${goJsonString(key)}: ${write(value, inner)}`);
      return `{\n${lines.join(',\n')}\n${indent}}`;
    }
  }
}

/** Go formats floats like JavaScript does in JSON: plain decimals, exponents below 1e-6 and from 1e21. */
function goJsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  return String(value);
}

const shortEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function goJsonString(value: string): string {
  let text = '"';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    if (shortEscapes[c] !== undefined) text += shortEscapes[c];
    else if (code < 0x20 || c === '<' || c === '>' || c === '&' || c === '\u2028' || c === '\u2029') text += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) text += '\\ufffd';
    else text += c;
  }
  return `${text}"`;
}
