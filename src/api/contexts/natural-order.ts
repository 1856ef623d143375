/**
 * Orders names as people read them and as `docker context ls` lists them: runs of digits compare
 * by value, so `dev2` comes before `dev10`; everything else compares by code unit.
 */
export function naturalCompare(left: string, right: string): number {
  const leftParts = left.match(/\d+|\D+/g) ?? [];
  const rightParts = right.match(/\d+|\D+/g) ?? [];
  for (let index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
    const a = leftParts[index]!;
    const b = rightParts[index]!;
    if (a === b) continue;
    if (/^\d/.test(a) && /^\d/.test(b)) {
      const byValue = Number(a) - Number(b);
      if (byValue !== 0) return byValue;
    }
    return a < b ? -1 : 1;
  }
  return leftParts.length - rightParts.length;
}
