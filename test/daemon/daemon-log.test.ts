import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DaemonLog } from '../../src/daemon/host/daemon-log.js';

const directory = mkdtempSync(join(tmpdir(), 'berth-daemon-log-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("the daemon's log", () => {
  it('writes dockerd\'s logfmt lines at and above its level to the file and to stderr', () => {
    const path = join(directory, 'nested', 'berth.log');
    const stderr: string[] = [];
    const log = DaemonLog.open(path, 'info', (line) => stderr.push(line));
    log.debug('not shown');
    log.info('API listen on /run/berth/berth.sock', { group: 'berth', containers: 2 });
    log.warn('a "quoted" word');
    log.close();
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((line) => line.replace(/^time="[^"]+" /, ''))).toEqual([
      'level=info msg="API listen on /run/berth/berth.sock" group="berth" containers=2',
      'level=warning msg="a \\"quoted\\" word"',
    ]);
    expect(lines[0]).toMatch(/^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z" /);
    expect(stderr.join('')).toBe(`${lines.join('\n')}\n`);
  });

  it('appends to a log that is already there', () => {
    const path = join(directory, 'append.log');
    for (const message of ['first', 'second']) {
      const log = DaemonLog.open(path, 'debug', () => undefined);
      log.debug(message);
      log.close();
    }
    expect(readFileSync(path, 'utf8').match(/msg="\w+"/g)).toEqual(['msg="first"', 'msg="second"']);
  });
});
