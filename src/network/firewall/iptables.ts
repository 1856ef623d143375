import { spawn } from 'node:child_process';
import { BerthError } from '../../errors/index.js';
import { collectStderr, describeExit, lastLines, type ToolExit } from '../../runtime/tools/index.js';

/**
 * The host's `iptables-save` and `iptables-restore`, whichever backend the system's alternatives
 * select (nf_tables on Debian since bullseye): the same one dockerd runs, so berth's rules and
 * dockerd's meet in the same FORWARD chain.
 */
const saveCommand = 'iptables-save';
const restoreCommand = 'iptables-restore';

/** Every table as iptables-save prints it. */
export async function iptablesSave(): Promise<string> {
  const result = await run(saveCommand, [], '');
  if (result.code !== 0) throw iptablesFailure(saveCommand, result, 'read the host firewall rules');
  return result.stdout;
}

/**
 * Applies one batch with `iptables-restore --noflush`: one process and, on nf_tables, one
 * transaction per table, instead of one iptables process per rule. `purpose` says what the batch
 * was for in the error.
 */
export async function iptablesRestore(input: string, purpose: string): Promise<void> {
  const result = await run(restoreCommand, ['--noflush', '--wait'], input);
  if (result.code === 0) return;
  // "iptables-restore: line 7 failed": quote the line, which names the chain and the rule.
  const failedLine = /line (\d+) failed/.exec(result.stderr)?.[1];
  const line = failedLine === undefined ? undefined : input.split('\n')[Number(failedLine) - 1];
  throw iptablesFailure(restoreCommand, result, purpose, line);
}

interface RunResult extends ToolExit {
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const stderr = collectStderr(child.stderr);
    const finish = (exit: ToolExit): void => resolve({ ...exit, stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr() });
    child.on('error', (spawnError) => finish({ code: null, signal: null, spawnError }));
    child.on('close', (code, signal) => finish({ code, signal }));
    // A tool that exits before reading all of stdin (bad option) must not crash the daemon with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function iptablesFailure(command: string, result: RunResult, purpose: string, line?: string): BerthError {
  const missing = result.spawnError?.code === 'ENOENT';
  // iptables-nft warns about tables of the legacy backend on every run: not the reason for anything.
  const said = lastLines(result.stderr.split('\n').filter((text) => !text.includes('iptables-legacy tables present')).join('\n'));
  return new BerthError({
    code: missing ? 'FIREWALL_TOOL_MISSING' : 'FIREWALL_RULES_FAILED',
    kind: missing ? 'unavailable' : 'internal',
    message: `could not ${purpose}: ${describeExit(command, result)}${said ? `: ${said}` : ''}${line === undefined ? '' : ` (the batch's line: ${line})`}`,
    hint: missing
      ? 'install the Debian package iptables (apt-get install iptables)'
      : 'berth needs root and a kernel with netfilter; `iptables-save` shows the rules as they are now',
  });
}
