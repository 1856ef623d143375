/**
 * The fields of one CSV record, as Go's encoding/csv reads a `--mount` value: a field may be
 * wrapped in double quotes (to hold commas), with `""` for a quote inside. `undefined` when a
 * quote is misplaced or left open; the caller names the spec.
 */
export function csvFields(text: string): string[] | undefined {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (text[position] === '"') {
      let field = '';
      position++;
      for (;;) {
        const close = text.indexOf('"', position);
        if (close === -1) return undefined;
        field += text.slice(position, close);
        position = close + 1;
        if (text[position] !== '"') break;
        field += '"';
        position++;
      }
      if (position < text.length && text[position] !== ',') return undefined;
      fields.push(field);
    } else {
      const comma = text.indexOf(',', position);
      const field = text.slice(position, comma === -1 ? text.length : comma);
      if (field.includes('"')) return undefined;
      fields.push(field);
      position = comma === -1 ? text.length : comma;
    }
    if (position >= text.length) return fields;
    position++; // the comma
  }
}
