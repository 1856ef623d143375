import { checkRunMountSpec } from '../flags/mount-spec.js';
import { readFlags } from '../flags/instruction-flags.js';
import type {
  CmdInstruction,
  CommandLine,
  EntrypointInstruction,
  RunInstruction,
  RunNetwork,
  RunSecurity,
  ShellInstruction,
} from '../instruction-types.js';
import { jsonArrayOf } from '../syntax/json-form.js';
import { argumentCountError, syntaxError, type InstructionSource } from './instruction-source.js';

const NETWORKS: readonly RunNetwork[] = ['default', 'none', 'host'];
const SECURITY: readonly RunSecurity[] = ['sandbox', 'insecure'];

/** The exec form when the arguments are a JSON array of strings, else the shell form. */
export function commandLineOf(rest: string): CommandLine {
  const args = jsonArrayOf(rest);
  return args === undefined ? { form: 'shell', command: rest } : { form: 'exec', args };
}

/** `RUN [--mount=...] [--network=...] [--security=...] <command>`. */
export function parseRun(source: InstructionSource): RunInstruction {
  const flags = readFlags('RUN', source.flags, { mount: 'strings', network: 'string', security: 'string' });
  const network = flags.network ?? 'default';
  if (!isOneOf(network, NETWORKS)) throw syntaxError(`invalid network mode "${network}"`, 'use --network=default, --network=none or --network=host');
  const security = flags.security ?? 'sandbox';
  if (!isOneOf(security, SECURITY)) throw syntaxError(`security "${security}" is not valid`, 'use --security=sandbox or --security=insecure');
  const mounts = flags.mount ?? [];
  mounts.forEach(checkRunMountSpec);
  return { keyword: 'RUN', ...source.position, command: commandLineOf(source.rest), heredocs: [...source.heredocs], mounts, network, security };
}

export function parseCmd(source: InstructionSource): CmdInstruction {
  readFlags('CMD', source.flags, {});
  return { keyword: 'CMD', ...source.position, command: commandLineOf(source.rest) };
}

export function parseEntrypoint(source: InstructionSource): EntrypointInstruction {
  readFlags('ENTRYPOINT', source.flags, {});
  return { keyword: 'ENTRYPOINT', ...source.position, command: commandLineOf(source.rest) };
}

/** `SHELL ["executable", "parameters"]`: the JSON form only. */
export function parseShell(source: InstructionSource): ShellInstruction {
  readFlags('SHELL', source.flags, {});
  const shell = jsonArrayOf(source.rest);
  if (shell === undefined && source.rest !== '') {
    throw syntaxError('SHELL requires the arguments to be in JSON form', 'write SHELL ["/bin/sh", "-c"]');
  }
  if (shell === undefined || shell.length === 0) throw argumentCountError('SHELL', 'at least one argument', 'SHELL ["/bin/sh", "-c"]');
  return { keyword: 'SHELL', ...source.position, shell };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}
