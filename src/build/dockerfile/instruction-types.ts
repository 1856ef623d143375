/**
 * The instructions of a parsed Dockerfile, one type per keyword.
 *
 * Words are kept as written: quotes, escapes and `$VAR` references are still in them, as in
 * BuildKit's parser. The builder expands them when it reaches the instruction, with the ARG and ENV
 * values in scope there (see `expansion/`). Each field says whether it is expanded; a field marked
 * "as written, not expanded" goes to the engine or the shell unchanged.
 */

export type EscapeCharacter = '\\' | '`';

/** Where an instruction stands in the file, and its text, for progress lines and error messages. */
export interface InstructionPosition {
  /** 1-based line of the keyword. */
  startLine: number;
  /** Last line the instruction spans, continuation lines and heredoc bodies included. */
  endLine: number;
  /** The instruction as one line: continuations joined, comment lines dropped, trimmed. */
  text: string;
  /** The lines from `startLine` to `endLine` exactly as written. */
  source: string;
}

/** RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: exec form (`["a", "b"]`) or shell form (a string for the shell). */
export type CommandLine = { form: 'exec'; args: string[] } | { form: 'shell'; command: string };

/**
 * A here-document of RUN, COPY or ADD. `content` is the body as written, newlines included and
 * leading tabs kept even for `<<-` (`chomp`), so the shell can be handed the original text.
 */
export interface Heredoc {
  /** The terminator word, quotes removed: `EOF` for `<<'EOF'`. */
  name: string;
  /** `3` for `3<<EOF`; absent when no descriptor is written. */
  fileDescriptor?: number;
  /** False when any part of the word was quoted (`<<'EOF'`, `<<"EOF"`): the body is not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body (and were from the terminator line). */
  chomp: boolean;
  content: string;
}

/** A COPY or ADD source: a path of the context (or stage, or URL for ADD), or an inline heredoc file. */
export type FileSource =
  | { kind: 'path'; path: string }
  /** `content` has its leading tabs stripped already for `<<-`; expand it with `expandHeredoc` when `expand`. */
  | { kind: 'heredoc'; name: string; content: string; expand: boolean };

export interface KeyValue {
  key: string;
  value: string;
}

export interface FromInstruction extends InstructionPosition {
  keyword: 'FROM';
  /** The base image, `scratch`, or an earlier stage's name. Expanded with the global ARGs only. */
  image: string;
  /** `AS name`, lowercased as BuildKit does. */
  stageName?: string;
  /** `--platform`. Expanded with the global ARGs (and the automatic platform ARGs). */
  platform?: string;
}

export type RunNetwork = 'default' | 'none' | 'host';
export type RunSecurity = 'sandbox' | 'insecure';

export interface RunInstruction extends InstructionPosition {
  keyword: 'RUN';
  /** As written, not expanded: the shell expands it. */
  command: CommandLine;
  /** Shell form only. With `RUN <<EOF` alone, the heredoc body is the script. */
  heredocs: Heredoc[];
  /** Each `--mount` value as written; `parseRunMount(spec, expand)` gives the typed mount at build time. */
  mounts: string[];
  network: RunNetwork;
  security: RunSecurity;
}

export interface CmdInstruction extends InstructionPosition {
  keyword: 'CMD';
  /** Not expanded. A bare `CMD` is the shell form with an empty command. */
  command: CommandLine;
}

export interface EntrypointInstruction extends InstructionPosition {
  keyword: 'ENTRYPOINT';
  /** Not expanded. A bare `ENTRYPOINT` is the shell form with an empty command, which BuildKit reads as "no entrypoint". */
  command: CommandLine;
}

export interface ShellInstruction extends InstructionPosition {
  keyword: 'SHELL';
  /** Always the JSON form; not expanded. */
  shell: string[];
}

interface FileCopyFields {
  /** Paths are expanded one word each; heredoc sources see `FileSource`. */
  sources: FileSource[];
  /** Expanded. */
  destination: string;
  /** `--chown`, expanded. */
  chown?: string;
  /** `--chmod`, expanded. */
  chmod?: string;
  /** `--link`. */
  link: boolean;
}

export interface CopyInstruction extends InstructionPosition, FileCopyFields {
  keyword: 'COPY';
  /** `--from`: a stage name or index, or an image. Expanded. */
  from?: string;
}

export interface AddInstruction extends InstructionPosition, FileCopyFields {
  keyword: 'ADD';
}

export interface WorkdirInstruction extends InstructionPosition {
  keyword: 'WORKDIR';
  /** Expanded. */
  path: string;
}

export interface EnvInstruction extends InstructionPosition {
  keyword: 'ENV';
  /**
   * Keys and values expanded with the variables as they were before this ENV: in
   * `ENV a=1 b=$a`, b gets the earlier value of a (the Dockerfile reference's rule).
   */
  pairs: KeyValue[];
}

export interface ArgDefinition {
  name: string;
  /** Absent for `ARG name`; `''` for `ARG name=`. Expanded. */
  defaultValue?: string;
}

export interface ArgInstruction extends InstructionPosition {
  keyword: 'ARG';
  /** Expanded, like ENV, with the variables as they were before this ARG. */
  args: ArgDefinition[];
}

export interface LabelInstruction extends InstructionPosition {
  keyword: 'LABEL';
  /** Keys and values expanded. */
  pairs: KeyValue[];
}

export interface ExposeInstruction extends InstructionPosition {
  keyword: 'EXPOSE';
  /** Each word expanded and split again (`expandWords`), so `$PORTS` can hold several ports. */
  ports: string[];
}

export interface VolumeInstruction extends InstructionPosition {
  keyword: 'VOLUME';
  /** Expanded one word each. */
  paths: string[];
}

export interface UserInstruction extends InstructionPosition {
  keyword: 'USER';
  /** `user`, `user:group`, `uid:gid`; expanded. */
  user: string;
}

export interface StopsignalInstruction extends InstructionPosition {
  keyword: 'STOPSIGNAL';
  /** Expanded. */
  signal: string;
}

export interface MaintainerInstruction extends InstructionPosition {
  keyword: 'MAINTAINER';
  /** Deprecated; not expanded. */
  maintainer: string;
}

export interface HealthcheckOptions {
  /** Nanoseconds, as in the engine's HealthConfig; absent when not given. */
  intervalNs?: number;
  timeoutNs?: number;
  startPeriodNs?: number;
  startIntervalNs?: number;
  retries?: number;
}

export type Healthcheck = { kind: 'none' } | ({ kind: 'cmd'; command: CommandLine } & HealthcheckOptions);

export interface HealthcheckInstruction extends InstructionPosition {
  keyword: 'HEALTHCHECK';
  /** `HEALTHCHECK NONE` turns off a check inherited from the base image. Not expanded. */
  check: Healthcheck;
}

/** The instructions ONBUILD may carry: every instruction but ONBUILD, FROM and MAINTAINER. */
export type OnbuildTrigger = Exclude<Instruction, OnbuildInstruction | FromInstruction | MaintainerInstruction>;

export interface OnbuildInstruction extends InstructionPosition {
  keyword: 'ONBUILD';
  /** The trigger, parsed (it shares the ONBUILD's lines), so a bad trigger fails this build. */
  trigger: OnbuildTrigger;
  /** The trigger as the image config stores it: the text after ONBUILD, heredoc bodies appended. */
  expression: string;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | CopyInstruction
  | AddInstruction
  | WorkdirInstruction
  | EnvInstruction
  | ArgInstruction
  | LabelInstruction
  | ExposeInstruction
  | VolumeInstruction
  | UserInstruction
  | StopsignalInstruction
  | MaintainerInstruction
  | HealthcheckInstruction
  | OnbuildInstruction;

export type InstructionKeyword = Instruction['keyword'];
