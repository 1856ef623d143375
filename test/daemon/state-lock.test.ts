import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireStateLock } from '../../src/daemon/host/state-lock.js';
import { berthErrorOf } from '../helpers/error-of.js';

const dataRoot = mkdtempSync(join(tmpdir(), 'berth-daemon-lock-'));
const lockPath = join(dataRoot, 'berth.lock');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(lockPath, { force: true });
});
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

/** The start time /proc gives a process (field 22 of its stat). */
function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

function liveProcess(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('the data root lock', () => {
  it('is taken by writing this process\'s pid and start time, and released by removing it', () => {
    const lock = acquireStateLock(dataRoot);
    expect(readFileSync(lockPath, 'utf8')).toBe(`${process.pid} ${startTime(process.pid)}\n`);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses a second daemon on the same data root, naming the pid that holds it', () => {
    const pid = liveProcess();
    writeFileSync(lockPath, `${pid} ${startTime(pid)}\n`);
    const error = berthErrorOf(() => acquireStateLock(dataRoot));
    expect(error.message).toBe(`another berth daemon (pid ${pid}) is using the data root ${dataRoot} (lock ${lockPath})`);
    expect(error).toMatchObject({ code: 'DAEMON_STATE_LOCKED', kind: 'conflict', hint: `stop that daemon (kill ${pid}) before starting another, or give this one its own --data-root` });
    expect(readFileSync(lockPath, 'utf8')).toBe(`${pid} ${startTime(pid)}\n`);
  });

  it('takes over the lock of a daemon that died (SIGKILL leaves it behind)', async () => {
    const child = spawn('true');
    await new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(lockPath, `${child.pid} 12345\n`);
    const lock = acquireStateLock(dataRoot);
    expect(readFileSync(lockPath, 'utf8')).toBe(`${process.pid} ${startTime(process.pid)}\n`);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (its start time differs)', () => {
    const pid = liveProcess();
    writeFileSync(lockPath, `${pid} 1\n`);
    acquireStateLock(dataRoot).release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('leaves a lock alone at release when another daemon has taken it since', () => {
    const lock = acquireStateLock(dataRoot);
    writeFileSync(lockPath, '1 1\n');
    lock.release();
    expect(readFileSync(lockPath, 'utf8')).toBe('1 1\n');
  });
});
