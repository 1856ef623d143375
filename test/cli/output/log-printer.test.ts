import { describe, expect, it } from 'vitest';
import { LogPrinter, rfc3339NanoFixed, type LogPrinterOptions } from '../../../src/cli/output/log-printer.js';
import { capture } from './capture.js';

function printer(names: string[], options: Partial<LogPrinterOptions> = {}) {
  const stdout = capture();
  const stderr = capture();
  const logs = new LogPrinter({ stdout, stderr }, names, { colour: false, prefix: true, timestamps: false, ...options });
  return { logs, stdout, stderr };
}

describe('LogPrinter', () => {
  it('pads every prefix to the longest known name from the first line on', () => {
    const { logs, stdout } = printer(['db-1', 'web-1']);
    logs.log({ container: 'db-1', stream: 'stdout', line: 'ready' });
    logs.log({ container: 'web-1', stream: 'stdout', line: 'listening' });
    expect(stdout.text).toBe('db-1   | ready\nweb-1  | listening\n');
  });

  it('widens the prefixes when a container it did not know starts logging', () => {
    const { logs, stdout } = printer(['db-1']);
    logs.log({ container: 'db-1', stream: 'stdout', line: 'a' });
    logs.log({ container: 'worker-1', stream: 'stdout', line: 'b' });
    logs.log({ container: 'db-1', stream: 'stdout', line: 'c' });
    expect(stdout.text).toBe('db-1  | a\nworker-1  | b\ndb-1      | c\n');
  });

  it('writes standard error lines to standard error', () => {
    const { logs, stdout, stderr } = printer(['web-1']);
    logs.log({ container: 'web-1', stream: 'stderr', line: 'oops' });
    expect([stdout.text, stderr.text]).toEqual(['', 'web-1  | oops\n']);
  });

  it('prefixes each line of a multi-line text', () => {
    const { logs, stdout } = printer(['web-1']);
    logs.log({ container: 'web-1', stream: 'stdout', line: 'one\ntwo' });
    expect(stdout.text).toBe('web-1  | one\nweb-1  | two\n');
  });

  it('colours the whole prefix in Compose rotation: cyan, yellow, green, magenta, blue, then bold', () => {
    const names = Array.from({ length: 11 }, (_, index) => `s${index}-1`);
    const { logs, stdout } = printer(names, { colour: true });
    for (const name of names) logs.log({ container: name, stream: 'stdout', line: 'x' });
    const codes = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1', '36'];
    expect(stdout.text).toBe(names.map((name, index) => `\x1b[${codes[index]}m${name.padEnd(6)} | \x1b[0mx\n`).join(''));
  });

  it('prints the bare line with --no-log-prefix, uncoloured', () => {
    const { logs, stdout } = printer(['web-1'], { prefix: false, colour: true });
    logs.log({ container: 'web-1', stream: 'stdout', line: 'hello' });
    expect(stdout.text).toBe('hello\n');
  });

  it('puts the timestamp between the prefix and the line with --timestamps', () => {
    const { logs, stdout } = printer(['web-1'], { timestamps: true });
    logs.log({ container: 'web-1', stream: 'stdout', line: 'hi', timestamp: '2024-05-06T07:08:09.123456789Z' });
    expect(stdout.text).toBe('web-1  | 2024-05-06T07:08:09.123456789Z hi\n');
  });

  it('stamps a line without its own time with the time of printing', () => {
    const now = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    const { logs, stdout } = printer(['web-1'], { timestamps: true, prefix: false, now: () => now });
    logs.log({ container: 'web-1', stream: 'stdout', line: 'hi' });
    expect(stdout.text).toBe(`${rfc3339NanoFixed(now)} hi\n`);
  });

  it('leaves timestamps out unless asked', () => {
    const { logs, stdout } = printer(['web-1']);
    logs.log({ container: 'web-1', stream: 'stdout', line: 'hi', timestamp: '2024-05-06T07:08:09.123456789Z' });
    expect(stdout.text).toBe('web-1  | hi\n');
  });

  it("prints a container's exit in its colour, and Compose's other status lines plain", () => {
    const { logs, stdout } = printer(['db-1', 'web-1'], { colour: true });
    logs.attaching(['db-1', 'web-1']);
    logs.exited('web-1', 137);
    logs.gracefullyStopping();
    logs.aborting();
    expect(stdout.text).toBe(
      'Attaching to db-1, web-1\n' +
        '\x1b[33mweb-1 exited with code 137\x1b[0m\n' +
        'Gracefully stopping... (press Ctrl+C again to force)\n' +
        'Aborting on container exit...\n',
    );
  });

  it('prints exits without colour when colour is off', () => {
    const { logs, stdout } = printer(['web-1']);
    logs.exited('web-1', 0);
    expect(stdout.text).toBe('web-1 exited with code 0\n');
  });
});

describe('rfc3339NanoFixed', () => {
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));

  it('writes UTC with Z and always nine fraction digits', () => {
    expect(rfc3339NanoFixed(date, 0)).toBe('2024-01-02T03:04:05.678000000Z');
  });

  it('writes local time with its offset', () => {
    expect(rfc3339NanoFixed(date, 60)).toBe('2024-01-02T04:04:05.678000000+01:00');
    expect(rfc3339NanoFixed(date, -330)).toBe('2024-01-01T21:34:05.678000000-05:30');
  });
});
