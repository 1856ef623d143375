import type { ArgInstruction, EscapeCharacter, FromInstruction, Instruction } from './instruction-types.js';

/** The parser directives read from the comments at the top of the file. */
export interface ParserDirectives {
  /** `# syntax=docker/dockerfile:1`, as written. berth builds with its own frontend whatever it says. */
  syntax?: string;
  /** `# escape=`; a backslash when not given. */
  escape: EscapeCharacter;
  /** `# check=skip=...;error=true`, as written, for lint settings. */
  check?: string;
}

/** Something Docker accepts but warns about, such as MAINTAINER or an empty continuation line. */
export interface DockerfileWarning {
  line: number;
  message: string;
}

/** The instructions from one FROM up to the next. */
export interface Stage {
  /** 0-based, the number `COPY --from=0` uses. */
  index: number;
  /** The `AS` name, lowercased; absent for an unnamed stage. */
  name?: string;
  from: FromInstruction;
  /** The instructions after the FROM, in order. */
  instructions: Instruction[];
}

export interface Dockerfile {
  /** The file name used in error messages, e.g. `Dockerfile` or `docker/dev.Dockerfile`. */
  file: string;
  directives: ParserDirectives;
  /** ARGs before the first FROM: usable in FROM lines, and in a stage only after an ARG re-declares them. */
  globalArgs: ArgInstruction[];
  /** At least one. */
  stages: Stage[];
  warnings: DockerfileWarning[];
}
