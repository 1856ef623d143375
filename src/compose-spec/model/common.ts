/**
 * Value shapes shared by the canonical model. The model is the canonical compose document that
 * `docker compose config` prints, so each shape is the printed one, not the most convenient one.
 */

/** `x-*` keys, kept as written wherever Compose allows extensions. */
export type Extensions = { readonly [key: `x-${string}`]: unknown };

/** A Go `time.Duration` in its `String()` form: `1m30s`, `500ms`, `0s`. */
export type Duration = string;

/**
 * A byte count in decimal digits, as Compose prints sizes (`mem_limit: 1g` prints as
 * `"1073741824"`). A string because Compose prints it quoted in YAML and JSON.
 */
export type ByteCount = string;

/** Keys to plain strings: labels, sysctls, driver options, annotations. */
export type StringMapping = Readonly<Record<string, string>>;

/** Keys to strings or `null` (a variable named without a value and not resolved). */
export type NullableStringMapping = Readonly<Record<string, string | null>>;

/** A secret, config or file mode as Compose prints it: octal digits with a leading zero (`"0440"`). */
export type FileMode = string;
