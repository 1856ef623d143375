/** The hint for an unknown attribute: the nearest valid name, else a few valid names. */
export function suggestAttribute(key: string, attributes: readonly string[]): string {
  const nearest = nearestName(key, attributes);
  if (nearest !== undefined) return `did you mean "${nearest}"?`;
  const sorted = [...attributes].sort();
  const shown = sorted.slice(0, 6).map((name) => `"${name}"`).join(', ');
  const more = sorted.length > 6 ? ` and ${sorted.length - 6} more` : '';
  return `valid attributes are ${shown}${more}; custom attributes must start with "x-"`;
}

/** The valid name closest to `key` by edit distance, if it is close enough to be a typo of it. */
export function nearestName(key: string, names: readonly string[]): string | undefined {
  const allowed = key.length >= 6 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const name of [...names].sort()) {
    const distance = editDistance(key.toLowerCase(), name);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost one, so "imgae" is one edit away from "image".
 */
export function editDistance(from: string, to: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= from.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= to.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = from[i - 1] === to[j - 1] ? 0 : 1;
      let distance = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && from[i - 1] === to[j - 2] && from[i - 2] === to[j - 1]) {
        distance = Math.min(distance, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(distance);
    }
    rows.push(row);
  }
  return (rows[from.length] as number[])[to.length] as number;
}
