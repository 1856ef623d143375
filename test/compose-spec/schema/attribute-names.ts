/**
 * The attribute names a JSON schema allows at each place of a document, keyed by a path pattern
 * such as `.services.*.deploy.resources.limits` (`*` for a name, `[]` for a list entry). Used to
 * check that berth's schema knows every attribute the published schema knows, and no others.
 */
type Schema = Record<string, unknown>;

export function attributeNames(root: Schema): Map<string, Set<string>> {
  const definitions = (root.$defs ?? root.definitions ?? {}) as Record<string, Schema>;
  const names = new Map<string, Set<string>>();
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    let current = schema;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
      current = definitions[current.$ref.split('/').pop() as string];
    }
    return current;
  };
  const visit = (schema: Schema | undefined, path: string, depth: number): void => {
    const resolved = resolve(schema);
    if (!resolved || depth > 12) return;
    const properties = (resolved.properties ?? {}) as Record<string, Schema>;
    if (Object.keys(properties).length > 0) {
      const known = names.get(path) ?? new Set<string>();
      for (const name of Object.keys(properties)) known.add(name);
      names.set(path, known);
    }
    for (const [name, child] of Object.entries(properties)) visit(child, `${path}.${name}`, depth + 1);
    for (const branch of [...((resolved.oneOf ?? []) as Schema[]), ...((resolved.anyOf ?? []) as Schema[])]) visit(branch, path, depth + 1);
    if (resolved.items) visit(resolved.items as Schema, `${path}[]`, depth + 1);
    for (const child of Object.values((resolved.patternProperties ?? {}) as Record<string, Schema>)) {
      if (Object.keys(child).length > 0) visit(child, `${path}.*`, depth + 1);
    }
    if (typeof resolved.additionalProperties === 'object') visit(resolved.additionalProperties as Schema, `${path}.*`, depth + 1);
  };
  visit(root, '', 0);
  return names;
}

/** `{path: {missing: [...], extra: [...]}}` for the places where `actual` allows other names than `expected`. */
export function attributeDifferences(expected: Map<string, Set<string>>, actual: Map<string, Set<string>>) {
  const differences: Record<string, { missing: string[]; extra: string[] }> = {};
  for (const path of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const wanted = expected.get(path) ?? new Set<string>();
    const known = actual.get(path) ?? new Set<string>();
    const missing = [...wanted].filter((name) => !known.has(name)).sort();
    const extra = [...known].filter((name) => !wanted.has(name)).sort();
    if (missing.length > 0 || extra.length > 0) differences[path] = { missing, extra };
  }
  return differences;
}
