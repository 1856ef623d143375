import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/run-berth.js';
import { tempProject } from '../helpers/temp-project.js';

describe('the berth command line', () => {
  it('prints its version', () => {
    const run = runBerth(['version', '--short']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('lists the Compose commands and global options in --help', () => {
    const run = runBerth(['--help']);
    expect(run.status).toBe(0);
    for (const text of ['config', 'up', 'down', 'logs', '--file', '--project-name', '--profile', '--env-file', '--project-directory', '--dry-run', '--progress', '--ansi']) {
      expect(run.stdout).toContain(text);
    }
  });

  it('gives --help on a command that is not built yet', () => {
    const run = runBerth(['stats', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: berth stats');
  });

  it('says in one line that a command is not built yet, with exit code 2', () => {
    const run = runBerth(['stats', '--no-stream', 'web']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('berth stats: not built yet\n');
  });

  it('exits with 2 on an unknown option or command', () => {
    expect(runBerth(['config', '--bogus']).status).toBe(2);
    expect(runBerth(['frobnicate']).status).toBe(2);
    expect(runBerth(['--progress', 'loud', 'config']).status).toBe(2);
  });

  it("refuses a value of Compose's boolean flags that is neither true nor false, naming the fix", () => {
    for (const [args, fix] of [[['watch', '--prune=maybe'], '--prune=false'], [['ps', '--orphans=no'], '--orphans=false']] as const) {
      const run = runBerth([...args]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`write ${fix}`);
    }
  });

  it('answers to the name compose, so `compose up` works as users type it', () => {
    const alias = join(tempProject({}), 'compose');
    symlinkSync(new URL('../../bin/berth.js', import.meta.url).pathname, alias);
    const run = runBerth(['--help'], { bin: alias });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: compose');
  });
});
