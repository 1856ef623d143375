import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { containerProcesses, topProcesses } from '../../../../src/runtime/containers/top/index.js';

describe("a container's process table", () => {
  const ps = [
    'UID          PID    PPID  C STIME TTY          TIME CMD',
    'root           1       0  0 10:00 ?        00:00:01 /sbin/init',
    'root        4242       1  0 10:01 ?        00:00:00 nginx: master process nginx -g daemon off;',
    '101         4243    4242  0 10:01 ?        00:00:00 nginx: worker process',
    '',
  ].join('\n');

  test("keeps only the container's processes, the command line whole with its spaces", () => {
    expect(containerProcesses(ps, new Set([4242, 4243]), '-ef')).toEqual({
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: [
        ['root', '4242', '1', '0', '10:01', '?', '00:00:00', 'nginx: master process nginx -g daemon off;'],
        ['101', '4243', '4242', '0', '10:01', '?', '00:00:00', 'nginx: worker process'],
      ],
    });
  });

  test('refuses ps options without a PID column and says which options keep it', () => {
    expect(() => containerProcesses('USER COMMAND\nroot init\n', new Set([1]), '-o user,comm')).toThrow(expect.objectContaining({ code: 'CONTAINER_TOP_NO_PID', hint: expect.stringContaining('-o pid,user,args') }));
  });

  test("runs the host's ps with the given options and finds a real process by its pid", async () => {
    const child = spawn('sleep', ['30']);
    await once(child, 'spawn');
    try {
      const table = await topProcesses([child.pid!], '-o pid,args');

      expect(table).toEqual({ Titles: ['PID', 'COMMAND'], Processes: [[String(child.pid), 'sleep 30']] });
    } finally {
      child.kill();
    }
  });
});
