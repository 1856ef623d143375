import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { fileTail } from '../../files/file-tail.js';
import { resolveDaemonConfig, type Environment } from '../config/index.js';
import { isAlive, parseIdentity } from '../host/process-identity.js';
import { lockFileName } from '../host/state-lock.js';
import { pingAnswers } from './engine-ping.js';

export interface EngineStartOptions {
  /** berth's entry script (bin/berth.js) for a caller that is not the CLI; by default this process's own, with its node flags. */
  entry?: string;
  /** More `berth daemon` flags, such as `--registry-mirror URL`. */
  flags?: readonly string[];
}

export interface StartedEngine {
  pid: number;
  logFile: string;
}

/** How long the CLI waits for a daemon it started before it gives up (the daemon goes on starting). */
export const autoStartTimeoutMs = 5_000;

/**
 * Starts `berth daemon` (with `options.flags`) in the background, as this same berth (node, its
 * flags, the script) unless `options.entry` names another, in a session of its own so the
 * terminal's signals and the CLI's exit do not reach it, with its output appended to its log file. Resolves once it answers `/_ping`. A daemon that exits first
 * fails with the last lines of its log, unless another daemon holds the data root (a parallel
 * auto-start won the race), whose socket is then waited for instead.
 */
export async function startBuiltInEngine(env: Environment, options: EngineStartOptions = {}): Promise<StartedEngine> {
  const config = resolveDaemonConfig({}, env);
  mkdirSync(dirname(config.logFile), { recursive: true, mode: 0o711 });
  const log = openSync(config.logFile, 'a', 0o640);
  const berth = options.entry ? [options.entry] : [...process.execArgv, process.argv[1] ?? ''];
  const child = spawn(process.execPath, [...berth, 'daemon', ...(options.flags ?? [])], { detached: true, stdio: ['ignore', log, log], cwd: '/', env: { ...env } });
  closeSync(log);
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ? `killed by ${signal}` : `exit code ${code}`));
  child.once('error', (error) => (exit = `could not start: ${error.message}`));
  child.unref();
  const deadline = Date.now() + autoStartTimeoutMs;
  for (;;) {
    if (await pingAnswers(config.socketPath)) return { pid: child.pid ?? 0, logFile: config.logFile };
    if (exit !== undefined && !anotherDaemonHolds(config.dataRoot)) {
      throw startFailed(`berth's engine exited during start-up (${exit})`, config.logFile);
    }
    if (Date.now() > deadline) {
      throw startFailed(`berth's engine did not answer on ${config.socketPath} within ${autoStartTimeoutMs / 1000} s`, config.logFile);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function anotherDaemonHolds(dataRoot: string): boolean {
  try {
    const holder = parseIdentity(readFileSync(join(dataRoot, lockFileName), 'utf8'));
    return holder !== undefined && isAlive(holder);
  } catch {
    return false;
  }
}

function startFailed(reason: string, logFile: string): BerthError {
  return new BerthError({
    code: 'ENGINE_AUTOSTART_FAILED',
    kind: 'unavailable',
    message: `${reason}; last lines of ${logFile}:\n${fileTail(logFile, 10) ?? '  (no log)'}`,
    hint: `read ${logFile}, fix what it says, and run the command again (or start the engine yourself: berth daemon)`,
  });
}

