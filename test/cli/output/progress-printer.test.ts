import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { choosePrintMode, createProgressPrinter } from '../../../src/cli/output/progress-printer.js';
import type { ProgressEvent, ProgressStatus } from '../../../src/scheduler/contract/progress.js';
import { capture } from './capture.js';

function container(name: string, status: ProgressStatus, time: number, detail?: string): ProgressEvent {
  const done = !['Creating', 'Starting'].includes(status);
  return detail === undefined ? { kind: 'Container', name, status, done, time } : { kind: 'Container', name, status, done, time, detail };
}

describe('choosePrintMode', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('draws the live block on a terminal outside CI, plain lines otherwise', () => {
    expect(choosePrintMode('auto', tty, { env: {} })).toBe('tty');
    expect(choosePrintMode('auto', pipe, { env: {} })).toBe('plain');
    expect(choosePrintMode('auto', tty, { env: { CI: 'true' } })).toBe('plain');
    expect(choosePrintMode('auto', tty, { env: { CI: 'false' } })).toBe('tty');
  });

  it('prints plain lines with --ansi never, even on a terminal', () => {
    expect(choosePrintMode('auto', tty, { ansi: 'never', env: {} })).toBe('plain');
  });

  it('keeps an explicit mode whatever the stream', () => {
    expect(choosePrintMode('tty', pipe, { env: { CI: '1' } })).toBe('tty');
    expect(choosePrintMode('plain', tty)).toBe('plain');
    expect(choosePrintMode('json', tty)).toBe('json');
    expect(choosePrintMode('quiet', tty)).toBe('quiet');
  });

  it("refuses Compose's contradictions as bad usage", () => {
    const refused = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error) {
        return error instanceof BerthError ? [error.kind, error.message] : error;
      }
      return 'accepted';
    };
    expect(refused(() => choosePrintMode('tty', tty, { ansi: 'never' }))).toEqual(['usage', "can't use --progress tty while ANSI support is disabled"]);
    expect(refused(() => choosePrintMode('plain', tty, { ansi: 'always' }))).toEqual(['usage', "can't use --progress plain while ANSI support is forced"]);
  });
});

describe('plain progress', () => {
  it('prints one line per event as Compose does', () => {
    const stream = capture();
    const printer = createProgressPrinter('plain', stream);
    printer.sink(container('demo-db-1', 'Starting', 0));
    printer.sink(container('demo-db-1', 'Started', 10));
    printer.sink(container('demo-web-1', 'Error', 20, 'port is already allocated'));
    printer.close();
    expect(stream.text).toBe(' Container demo-db-1  Starting\n Container demo-db-1  Started\n Container demo-web-1  Error port is already allocated\n');
  });

  it("prints a build's own lines as the builder wrote them, after the service's name", () => {
    const stream = capture();
    const printer = createProgressPrinter('plain', stream);
    const image = (status: ProgressStatus, time: number, buildLine?: ProgressEvent['buildLine']): ProgressEvent => ({ kind: 'Image', name: 'demo-web', status, done: status === 'Built', time, ...(buildLine && { detail: buildLine.text, buildLine }) });
    printer.sink(image('Building', 0));
    printer.sink(image('Building', 1, { service: 'web', text: 'Step 2/3 : RUN echo hi', role: 'step' }));
    printer.sink(image('Building', 2, { service: 'web', text: 'hi', role: 'output' }));
    printer.sink(image('Built', 3));
    printer.close();
    expect(stream.text).toBe(' Image demo-web  Building\n[web] Step 2/3 : RUN echo hi\n[web] hi\n Image demo-web  Built\n');
  });

  it('marks lines in a dry run', () => {
    const stream = capture();
    createProgressPrinter('plain', stream, { dryRun: true }).sink(container('demo-db-1', 'Started', 0));
    expect(stream.text).toBe(' DRY-RUN MODE -  Container demo-db-1  Started\n');
  });

  it('prints nothing after close', () => {
    const stream = capture();
    const printer = createProgressPrinter('plain', stream);
    printer.close();
    printer.sink(container('demo-db-1', 'Started', 0));
    expect(stream.text).toBe('');
  });
});

describe('json progress', () => {
  it("prints one object per event with Compose's fields", () => {
    const stream = capture();
    const printer = createProgressPrinter('json', stream);
    printer.sink(container('demo-db-1', 'Started', 0));
    printer.sink(container('demo-web-1', 'Error', 0, 'port is already allocated'));
    expect(stream.text).toBe(
      '{"id":"Container demo-db-1","status":"Started"}\n' + '{"id":"Container demo-web-1","status":"Error","details":"port is already allocated"}\n',
    );
  });

  it('says dry-run first in a dry run', () => {
    const stream = capture();
    createProgressPrinter('json', stream, { dryRun: true }).sink(container('demo-db-1', 'Started', 0));
    expect(stream.text).toBe('{"dry-run":true,"id":"Container demo-db-1","status":"Started"}\n');
  });
});

describe('quiet progress', () => {
  it('prints nothing', () => {
    const stream = capture();
    const printer = createProgressPrinter('quiet', stream);
    printer.sink(container('demo-db-1', 'Started', 0));
    printer.close();
    expect(stream.text).toBe('');
  });
});

describe('tty progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const hide = '\x1b[?25l';
  const show = '\x1b[?25h';
  const row = (text: string): string => `\x1b[2K${text}\n`;

  function tty() {
    let clock = 0;
    const stream = capture({ isTTY: true, columns: 40, rows: 24 });
    const printer = createProgressPrinter('tty', stream, { colour: false, now: () => clock });
    return { stream, printer, at: (time: number) => (clock = time) };
  }

  it('draws on the next tick, not per event', () => {
    const { stream, printer } = tty();
    printer.sink(container('demo-db-1', 'Creating', 0));
    printer.sink(container('demo-db-1', 'Created', 0));
    expect(stream.text).toBe('');
    vi.advanceTimersByTime(100);
    expect(stream.text).toBe(`${hide}${row('[+] Running 1/1')}${row(' ✔ Container demo-db-1  Created' + ' '.repeat(4) + '0.0s ')}\x1b[J${show}`);
    printer.close();
  });

  it('redraws in place: up over the previous frame, each row erased and rewritten', () => {
    const { stream, printer, at } = tty();
    printer.sink(container('demo-db-1', 'Starting', 0));
    at(100);
    vi.advanceTimersByTime(100);
    stream.text = '';
    printer.sink(container('demo-web-1', 'Starting', 150));
    at(200);
    vi.advanceTimersByTime(100);
    expect(stream.text).toBe(
      `${hide}\x1b[2A\r${row('[+] Running 0/2')}` +
        row(' ⠹ Container demo-db-1   Starting' + ' '.repeat(2) + '0.2s ') +
        row(' ⠋ Container demo-web-1  Starting' + ' '.repeat(2) + '0.1s ') +
        `\x1b[J${show}`,
    );
    printer.close();
  });

  it('leaves the final frame on screen at close and draws no more', () => {
    const { stream, printer, at } = tty();
    printer.sink(container('demo-db-1', 'Starting', 0));
    vi.advanceTimersByTime(100);
    printer.sink(container('demo-db-1', 'Started', 300));
    at(300);
    stream.text = '';
    printer.close();
    expect(stream.text).toBe(`${hide}\x1b[2A\r${row('[+] Running 1/1')}${row(' ✔ Container demo-db-1  Started' + ' '.repeat(4) + '0.3s ')}\x1b[J${show}`);
    stream.text = '';
    printer.sink(container('demo-db-1', 'Stopping', 400));
    vi.advanceTimersByTime(1_000);
    printer.close();
    expect(stream.text).toBe('');
  });

  it('draws nothing when nothing happened', () => {
    const { stream, printer } = tty();
    vi.advanceTimersByTime(1_000);
    printer.close();
    expect(stream.text).toBe('');
  });

  it('colours the block unless NO_COLOR is set', () => {
    const coloured = capture({ isTTY: true, columns: 40 });
    const printer = createProgressPrinter('tty', coloured, { env: {}, now: () => 0 });
    printer.sink(container('demo-db-1', 'Started', 0));
    printer.close();
    expect(coloured.text).toContain('\x1b[32m✔\x1b[0m');
    const monochrome = capture({ isTTY: true, columns: 40 });
    const plainPrinter = createProgressPrinter('tty', monochrome, { env: { NO_COLOR: '1' }, now: () => 0 });
    plainPrinter.sink(container('demo-db-1', 'Started', 0));
    plainPrinter.close();
    expect(monochrome.text).toContain(' ✔ Container');
    expect(monochrome.text).not.toContain('\x1b[3');
  });
});
