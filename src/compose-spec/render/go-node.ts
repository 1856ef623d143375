/**
 * The value tree that the renderers print: what Go's encoders see once compose-go's types have
 * marshalled themselves. Maps keep the order in which their entries must be printed; a `float32`
 * remembers its width because Go prints it with fewer digits.
 */
export type GoNode =
  | { kind: 'map'; entries: Array<[string, GoNode]> }
  | { kind: 'seq'; items: GoNode[] }
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number; bits: 32 | 64 }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

export const nullNode: GoNode = { kind: 'null' };

export function str(value: string): GoNode {
  return { kind: 'str', value };
}

export function int(value: number): GoNode {
  return { kind: 'int', value };
}

export function map(entries: Array<[string, GoNode]>): GoNode {
  return { kind: 'map', entries };
}

export function seq(items: GoNode[]): GoNode {
  return { kind: 'seq', items };
}
