/** Where a value sits while merging: `['services', 'web', 'environment']`. */
export type MergePath = readonly string[];

/** `services.*.ulimits.*` split once; `*` matches any single key. */
export type PathPattern = readonly string[];

export function pattern(text: string): PathPattern {
  return text.split('.');
}

export function matches(path: MergePath, candidate: PathPattern): boolean {
  return path.length === candidate.length && candidate.every((part, index) => part === '*' || part === path[index]);
}

/** The first entry of a table whose pattern matches `path`. */
export function lookup<T>(table: ReadonlyArray<readonly [PathPattern, T]>, path: MergePath): T | undefined {
  return table.find(([candidate]) => matches(path, candidate))?.[1];
}
