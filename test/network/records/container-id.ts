/** A container id for tests: 64 hex digits made from `n`. */
export function containerId(n: number): string {
  return n.toString(16).padStart(4, '0').repeat(16);
}
