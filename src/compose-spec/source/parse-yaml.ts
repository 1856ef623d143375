import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { ComposeError, type SourcePosition } from '../compose-error.js';
import { setContainerPosition, setEntryPosition, setEntryTag, type MergeTag } from './node-meta.js';

/**
 * Phase 1 of loading: YAML text to plain values, remembering where every entry came from and
 * which entries carry Compose's merge tags. Anchors, aliases and `<<` merge keys are resolved here
 * (explicit keys win over merged ones, as in YAML 1.1's merge-key rule that Compose follows).
 */
export interface ParsedFile {
  file: string;
  /** One value per YAML document in the file; a file of one document gives one. */
  documents: unknown[];
}

// Accept the tags on every kind of node; their meaning is applied by the merge phase.
const mergeTags: Array<ScalarTag | CollectionTag> = (['!reset', '!override'] as const).flatMap((tag) => [
  { tag, resolve: (value: string) => value } as ScalarTag,
  { tag, collection: 'map' } as CollectionTag,
  { tag, collection: 'seq' } as CollectionTag,
]);

export function parseComposeYaml(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    customTags: mergeTags,
  });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // An empty stream is an empty project file.
    return { file, documents: [] };
  }
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw syntaxError(error.message, error.pos[0], text, file, lineCounter);
  }
  const converter = new Converter(file, lineCounter);
  return { file, documents: list.map((doc) => converter.document(doc)) };
}

class Converter {
  constructor(
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  private currentDoc: Document.Parsed | undefined;

  document(doc: Document.Parsed): unknown {
    this.currentDoc = doc;
    return doc.contents === null ? null : this.value(doc.contents as YamlNode, new Set());
  }

  position(node: YamlNode | null | undefined): SourcePosition | undefined {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  value(node: YamlNode, resolving: Set<YamlNode>): unknown {
    if (isAlias(node)) {
      const target = node.resolve(this.currentDoc!);
      if (!target) throw this.error(node, `unknown anchor "${node.source}"`, 'define the anchor with &' + node.source + ' before using it');
      if (resolving.has(target)) throw this.error(node, `alias "*${node.source}" refers to itself`, 'an anchor cannot contain an alias of itself');
      resolving.add(target);
      try {
        return this.value(target, resolving);
      } finally {
        resolving.delete(target);
      }
    }
    if (isScalar(node)) return goYamlNumber(node) ?? node.value;
    if (isSeq(node)) {
      const list: unknown[] = [];
      this.place(list, node);
      node.items.forEach((item, index) => {
        list.push(this.entry(list, index, item as YamlNode | null, resolving));
      });
      return list;
    }
    if (isMap(node)) {
      const map: Record<string, unknown> = {};
      this.place(map, node);
      const merged: Array<YamlNode> = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          merged.push(pair.value as YamlNode);
          continue;
        }
        const key = isScalar(keyNode) ? String(keyNode.value) : keyNode === null ? '' : String(this.value(keyNode, resolving));
        map[key] = this.entry(map, key, pair.value as YamlNode | null, resolving);
      }
      for (const source of merged) this.mergeInto(map, source, resolving);
      return map;
    }
    return null;
  }

  private entry(container: object, key: string | number, node: YamlNode | null, resolving: Set<YamlNode>): unknown {
    const position = this.position(node);
    if (position) setEntryPosition(container, key, position);
    const tag = node && 'tag' in node ? node.tag : undefined;
    if (tag === '!reset' || tag === '!override') setEntryTag(container, key, tag.slice(1) as MergeTag);
    return node === null ? null : this.value(node, resolving);
  }

  /** `<<: *base` or `<<: [*a, *b]`: keys not set explicitly come from the merged maps, earlier maps first. */
  private mergeInto(map: Record<string, unknown>, source: YamlNode, resolving: Set<YamlNode>): void {
    const values = isSeq(source) ? (source.items as YamlNode[]) : [source];
    for (const node of values) {
      const merged = this.value(node, resolving);
      if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
        throw this.error(node, 'the value of a "<<" merge key must be a mapping or a list of mappings', 'merge only anchors of mappings: <<: *defaults');
      }
      for (const [key, value] of Object.entries(merged)) if (!(key in map)) map[key] = value;
    }
  }

  private place(container: object, node: YamlNode): void {
    const position = this.position(node);
    if (position) setContainerPosition(container, position);
  }

  private error(node: YamlNode, message: string, hint: string): ComposeError {
    return new ComposeError({ code: 'COMPOSE_YAML', message, position: this.position(node), hint });
  }
}

/**
 * Compose's YAML parser (go-yaml v3) reads a plain `0440` as octal, as Go's ParseInt does with a
 * leading zero; YAML 1.2 would read 440. File modes (`mode: 0440`) depend on the Go reading.
 */
function goYamlNumber(node: { type?: string | undefined; source?: string; value: unknown }): number | undefined {
  if (node.type !== 'PLAIN' || typeof node.value !== 'number' || !node.source) return undefined;
  const octal = /^([-+]?)0([0-7]+)$/.exec(node.source);
  return octal ? (octal[1] === '-' ? -1 : 1) * Number.parseInt(octal[2]!, 8) : undefined;
}

function syntaxError(message: string, offset: number, text: string, file: string, lineCounter: LineCounter): ComposeError {
  const lines = text.split(/\r?\n/);
  let { line, col } = lineCounter.linePos(offset);
  // An error found at the end of the input (an unclosed quote or bracket) belongs to the last
  // line that has text: that is where the user has to look.
  while (line > 1 && (lines[line - 1] ?? '').trim() === '') {
    line -= 1;
    col = (lines[line - 1] ?? '').length + 1;
  }
  const sourceLine = lines[line - 1] ?? '';
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return new ComposeError({
    code: 'COMPOSE_YAML_SYNTAX',
    message: `invalid YAML: ${firstLine}`,
    position: { file, line, column: col },
    excerpt: `  ${line} | ${sourceLine}\n  ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, col - 1))}^`,
    hint: syntaxHint(firstLine),
  });
}

function syntaxHint(message: string): string {
  if (/keys must be unique/i.test(message)) return 'this key is already set above in the same mapping: keep one of the two';
  if (/tab/i.test(message)) return 'indent with spaces: YAML does not allow tabs for indentation';
  return 'check the indentation and quoting on this line; a value that starts with a special character (*, &, !, {, [, :) needs quotes';
}
