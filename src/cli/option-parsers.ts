import { InvalidArgumentError, Option } from 'commander';
import { usageError } from '../errors/index.js';

/** For repeatable options: each use adds a value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number of seconds or items`);
  return Number(value);
}

/**
 * A boolean flag that also takes a value, as Compose's flags do (`--orphans=false`): the flag alone
 * is true. A value other than true or false is refused, naming the long flag's `=false`.
 */
export function booleanFlag(flags: string, description: string): Option {
  const option = new Option(`${flags} [bool]`, description).default(true);
  const name = option.long ?? flags;
  return option.argParser((value: string) => {
    if (/^(true|1)$/i.test(value)) return true;
    if (/^(false|0)$/i.test(value)) return false;
    throw new InvalidArgumentError(`"${value}" is not true or false; write ${name}=false`);
  });
}

/** `--scale web=3` entries as a record; a bad entry is a usage error naming it. */
export function scaleEntries(entries: readonly string[]): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(\d+)$/.exec(entry);
    if (!match) throw usageError(`--scale "${entry}": expected SERVICE=NUMBER`, 'write it like --scale web=3');
    scale[match[1]!] = Number(match[2]);
  }
  return scale;
}

/**
 * An option whose name starts with `--no-` but takes a value (`up --no-attach web`): commander
 * would read it as the negation of `--attach`, so it gets its own attribute (`noAttach`).
 */
export function repeatableNoOption(flags: string, description: string): Option {
  const option = new Option(flags, description).argParser(collect).default([]);
  const attribute = option.attributeName().replace(/^./, (first) => `no${first.toUpperCase()}`);
  option.negate = false;
  option.attributeName = () => attribute;
  return option;
}

/**
 * A flag whose name starts with `--no-` but is not the negation of its partner: commander would
 * fold `--build` and `--no-build` into one attribute, and Compose refuses the two together, so
 * `--no-build` gets an attribute of its own (`noBuild`).
 */
export function flagNamedNo(flags: string, description: string): Option {
  const option = new Option(flags, description).default(false);
  const attribute = option.attributeName().replace(/^./, (first) => `no${first.toUpperCase()}`);
  option.negate = false;
  option.attributeName = () => attribute;
  return option;
}
