import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lastRuncError } from './runc-log.js';

/** Where one engine's runc keeps its state and its logs: both under berth's run directory. */
export interface RuncConfig {
  /** The runc binary (Debian's is /usr/sbin/runc). */
  runtimePath: string;
  /** runc's `--root`: its state directory, one per engine so engines never see each other's containers. */
  root: string;
  /** Where each invocation writes its JSON log; the file is read and removed when runc exits. */
  logDirectory: string;
}

export interface RuncResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** runc's last logged error, else the end of its stderr: what a failure message shows. */
  error: string | undefined;
  /** Set when runc could not be started at all. */
  spawnError?: NodeJS.ErrnoException;
}

/** How much output is kept: `runc ps` of a busy container is the largest thing read this way. */
const keptBytes = 1024 * 1024;

/**
 * A fresh log file per invocation: two operations on one container at once (a health check's
 * exec while the engine stops it) must not read each other's errors.
 */
export function invocationLog(config: RuncConfig): string {
  return join(config.logDirectory, `runc-${randomBytes(6).toString('hex')}.json`);
}

export function runcGlobalArguments(config: RuncConfig, logFile: string): string[] {
  return ['--root', config.root, '--log', logFile, '--log-format', 'json'];
}

/** Reads the invocation's last error and removes its log. */
export function takeRuncError(logFile: string, stderr: string): string | undefined {
  let logText = '';
  try {
    logText = readFileSync(logFile, 'utf8');
  } catch {
    // runc that failed before opening its log leaves only stderr.
  }
  rmSync(logFile, { force: true });
  return lastRuncError(logText) ?? lastStderrLine(stderr);
}

function lastStderrLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.at(-1);
}

/** Runs one short runc command (`state`, `start`, `kill`, `pause`, `ps`, `delete`) to its end. */
export function runRunc(config: RuncConfig, args: string[]): Promise<RuncResult> {
  const logFile = invocationLog(config);
  return new Promise((resolve) => {
    const child = spawn(config.runtimePath, [...runcGlobalArguments(config, logFile), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (piece: string) => (stdout = (stdout + piece).slice(-keptBytes)));
    child.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-keptBytes)));
    child.on('error', (spawnError) => {
      rmSync(logFile, { force: true });
      resolve({ code: null, signal: null, stdout, stderr, error: spawnError.message, spawnError });
    });
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr, error: code === 0 ? undefined : takeRuncError(logFile, stderr) });
      if (code === 0) rmSync(logFile, { force: true });
    });
  });
}
