import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearSocketPath } from '../../src/daemon/host/api-socket.js';
import { socketGroupId } from '../../src/daemon/host/socket-group.js';
import { berthErrorOfAsync } from '../helpers/error-of.js';

// Short: a UNIX socket path holds 108 bytes.
const directory = mkdtempSync(join(tmpdir(), 'bsock-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Another process listening on `path`; resolves once it listens. */
async function listenerAt(path: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer((s) => s.end()).listen(${JSON.stringify(path)}, () => console.log('listening'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the listener exited with ${code}`)));
  });
  return child;
}

describe("the API socket's path", () => {
  it('is refused while another live process listens on it, naming that process', async () => {
    const path = join(directory, 'live.sock');
    const listener = await listenerAt(path);
    const error = await berthErrorOfAsync(() => clearSocketPath(path));
    expect(error.message).toBe(`another engine is listening on ${path} (pid ${listener.pid})`);
    expect(error).toMatchObject({ code: 'DAEMON_SOCKET_IN_USE', kind: 'conflict' });
    expect(existsSync(path)).toBe(true);
  });

  it('is cleared when the socket file was left by a process that died', async () => {
    const path = join(directory, 'stale.sock');
    const listener = await listenerAt(path);
    listener.kill('SIGKILL');
    await new Promise((resolve) => listener.once('exit', resolve));
    expect(existsSync(path)).toBe(true);
    await clearSocketPath(path);
    expect(existsSync(path)).toBe(false);
  });

  it('is refused when something other than a socket is there', async () => {
    const path = join(directory, 'file.sock');
    writeFileSync(path, 'not a socket');
    const error = await berthErrorOfAsync(() => clearSocketPath(path));
    expect(error.message).toBe(`cannot listen on ${path}: the path exists and is not a socket`);
    expect(existsSync(path)).toBe(true);
  });

  it('gets its parent directory made when it is missing', async () => {
    const path = join(directory, 'made', 'engine.sock');
    await clearSocketPath(path);
    expect(existsSync(join(directory, 'made'))).toBe(true);
  });
});

describe("the socket's group", () => {
  it('is found by name through getent, and is undefined for a group that does not exist', () => {
    expect(socketGroupId('root')).toBe(0);
    expect(socketGroupId('no-such-group-berth-test')).toBeUndefined();
  });
});
