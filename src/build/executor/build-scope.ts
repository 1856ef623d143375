import type { ArgInstruction, EscapeCharacter, VariableLookup } from '../dockerfile/index.js';
import { environmentMap } from '../../runtime/containers/commit/index.js';
import { expandWord } from '../dockerfile/index.js';

/** The platform ARGs BuildKit defines before the first FROM; a stage sees one once it declares it. */
export function platformArgs(os: string, architecture: string, variant?: string): Map<string, string> {
  const platform = `${os}/${architecture}${variant ? `/${variant}` : ''}`;
  return new Map([
    ['TARGETPLATFORM', platform],
    ['TARGETOS', os],
    ['TARGETARCH', architecture],
    ['TARGETVARIANT', variant ?? ''],
    ['BUILDPLATFORM', platform],
    ['BUILDOS', os],
    ['BUILDARCH', architecture],
    ['BUILDVARIANT', variant ?? ''],
  ]);
}

/** Docker's predefined ARGs: a RUN sees them without an ARG, and they stay out of the cache key and history. */
const proxyArgs = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

/**
 * The ARG values of a build, with Dockerfile's rules: a `--build-arg` wins over an ARG's default;
 * the ARGs before the first FROM are seen by FROM lines, and inside a stage only once the stage
 * declares them again (`ARG NAME` takes the global value); ENV wins over ARG when a word is
 * expanded. Build arguments are not environment variables of the image: a RUN sees them in its
 * environment, and they reach the image only when an ENV copies them.
 */
export class BuildArguments {
  private readonly globals = new Map<string, string | undefined>();
  private readonly consumed = new Set<string>();

  constructor(
    private readonly given: Readonly<Record<string, string | null>>,
    automatic: ReadonlyMap<string, string>,
    globalArgs: readonly ArgInstruction[],
    private readonly escape: EscapeCharacter,
    file: string,
  ) {
    for (const [name, value] of automatic) this.globals.set(name, value);
    for (const instruction of globalArgs) {
      for (const definition of instruction.args) {
        const lookup: VariableLookup = (name) => this.globals.get(name);
        const fallback = definition.defaultValue === undefined ? undefined : expandWord(definition.defaultValue, lookup, { escape, at: { file, line: instruction.startLine } });
        this.globals.set(definition.name, this.givenValue(definition.name) ?? fallback);
      }
    }
  }

  /** What FROM lines see: the global ARGs only. */
  globalLookup(): VariableLookup {
    return (name) => this.globals.get(name);
  }

  /** A new stage's ARG scope, empty until the stage declares its ARGs. */
  stageScope(): StageArguments {
    return new StageArguments(this, this.escape);
  }

  /** The value `--build-arg` gives a declared name (marked as consumed), or undefined. */
  givenValue(name: string): string | undefined {
    const value = this.given[name];
    if (value === undefined || value === null) return undefined;
    this.consumed.add(name);
    return value;
  }

  globalValue(name: string): string | undefined {
    return this.globals.get(name);
  }

  /** The `--build-arg` names no ARG declared, for Docker's "were not consumed" warning; the proxy ARGs need none. */
  unconsumed(): string[] {
    return Object.keys(this.given).filter((name) => !this.consumed.has(name) && !proxyArgs.has(name) && this.given[name] !== null).sort();
  }

  /** The proxy build args given (`HTTP_PROXY=...`), which every RUN sees. */
  proxies(): Map<string, string> {
    return new Map(Object.entries(this.given).filter((entry): entry is [string, string] => proxyArgs.has(entry[0]) && entry[1] !== null));
  }
}

/** The ARGs one stage has declared so far, in order. */
export class StageArguments {
  private readonly values = new Map<string, string | undefined>();

  constructor(
    private readonly build: BuildArguments,
    private readonly escape: EscapeCharacter,
  ) {}

  /** Applies an ARG instruction: each name's value is the build arg, else its default (expanded with what came before), else the global's. */
  declare(instruction: ArgInstruction, environment: readonly string[], file: string): void {
    for (const definition of instruction.args) {
      const lookup = this.lookup(environment);
      const fallback = definition.defaultValue === undefined ? this.build.globalValue(definition.name) : expandWord(definition.defaultValue, lookup, { escape: this.escape, at: { file, line: instruction.startLine } });
      this.values.set(definition.name, this.build.givenValue(definition.name) ?? fallback);
    }
  }

  /** Expansion's lookup: the environment (`NAME=value` lines) first, then the declared ARGs. */
  lookup(environment: readonly string[]): VariableLookup {
    const env = environmentMap(environment);
    return (name) => env.get(name) ?? this.values.get(name);
  }

  /** What a RUN adds to its environment: each declared ARG with a value that no ENV of the same name hides. */
  runEnvironment(environment: readonly string[]): string[] {
    const env = environmentMap(environment);
    return [...this.values].filter(([name, value]) => value !== undefined && !env.has(name)).map(([name, value]) => `${name}=${value}`);
  }

  /** The proxy build args no ARG or ENV of the stage names: passed to a RUN, kept out of its key and config. */
  proxyEnvironment(environment: readonly string[]): string[] {
    const env = environmentMap(environment);
    return [...this.build.proxies()].filter(([name]) => !this.values.has(name) && !env.has(name)).map(([name, value]) => `${name}=${value}`);
  }

  /** The declared ARGs and their values, sorted: part of a RUN's cache key, as in Docker. */
  keyed(): Array<[string, string | null]> {
    return [...this.values].map(([name, value]): [string, string | null] => [name, value ?? null]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
