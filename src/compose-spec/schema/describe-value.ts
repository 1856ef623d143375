/** Words for values and types in validation messages. */

const TYPE_WORDS: Record<string, string> = {
  null: 'null',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  array: 'a list',
  object: 'a mapping',
};

/** `a string`, `a string or a list`, `a string, a number or a boolean`. */
export function describeTypes(types: readonly string[]): string {
  // An integer is a number: "a number or an integer" would say the same thing twice.
  const shown = types.includes('number') ? types.filter((type) => type !== 'integer') : [...types];
  const words = shown.map((type) => TYPE_WORDS[type] ?? type);
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A value as a person would write it in a compose file: strings quoted, mappings and lists as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
