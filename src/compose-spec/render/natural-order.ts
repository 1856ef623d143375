/**
 * The order in which Go's yaml.v3 encoder writes the keys of a map: letters compare by code
 * point, runs of digits compare as numbers ("a2" before "a10"), and a non-letter comes before a
 * letter unless it follows a digit. `docker compose config` prints every map (services, labels,
 * environment, ...) in this order, so berth sorts with it to print the same text.
 */
export function compareYamlKeys(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(Array.from(a), Array.from(b)) ? -1 : 1;
}

function yamlKeyLess(a: string[], b: string[]): boolean {
  let afterDigit = false;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) {
      afterDigit = isDigit(x);
      continue;
    }
    const xLetter = isLetter(x);
    const yLetter = isLetter(y);
    if (xLetter && yLetter) return x.codePointAt(0)! < y.codePointAt(0)!;
    if (xLetter || yLetter) return afterDigit ? xLetter : yLetter;
    return digitRunLess(a, b, i);
  }
  return a.length < b.length;
}

/** Compares the digit runs starting at `i`, where the two keys first differ and neither rune is a letter. */
function digitRunLess(a: string[], b: string[], i: number): boolean {
  let aValue = 0;
  let bValue = 0;
  // A run that continues a nonzero number keeps its leading zeros significant.
  if (a[i] === '0' || b[i] === '0') {
    for (let j = i - 1; j >= 0 && isDigit(a[j]!); j--) {
      if (a[j] !== '0') {
        aValue = 1;
        bValue = 1;
        break;
      }
    }
  }
  let aEnd = i;
  for (; aEnd < a.length && isDigit(a[aEnd]!); aEnd++) aValue = aValue * 10 + Number(a[aEnd]);
  let bEnd = i;
  for (; bEnd < b.length && isDigit(b[bEnd]!); bEnd++) bValue = bValue * 10 + Number(b[bEnd]);
  if (aValue !== bValue) return aValue < bValue;
  if (aEnd !== bEnd) return aEnd < bEnd;
  return a[i]!.codePointAt(0)! < b[i]!.codePointAt(0)!;
}

function isDigit(rune: string): boolean {
  return rune >= '0' && rune <= '9';
}

function isLetter(rune: string): boolean {
  return /^\p{L}$/u.test(rune);
}

/** Go's `sort.Strings` and encoding/json order: plain byte order of the UTF-8 text. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
