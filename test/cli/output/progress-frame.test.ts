import { describe, expect, it } from 'vitest';
import { renderProgressFrame, type FrameOptions } from '../../../src/cli/output/progress-frame.js';
import type { ProgressEvent, ProgressStatus, ResourceKind } from '../../../src/scheduler/contract/progress.js';

// Compose's working statuses; `Running` (already running) is a finished step.
const working = new Set(['Creating', 'Recreate', 'Starting', 'Waiting', 'Stopping', 'Removing', 'Restarting', 'Killing', 'Pausing', 'Unpausing', 'Pulling', 'Pushing']);

function event(kind: ResourceKind, name: string, status: ProgressStatus, time: number, detail?: string): ProgressEvent {
  const done = !working.has(status);
  return detail === undefined ? { kind, name, status, done, time } : { kind, name, status, done, time, detail };
}

const options: FrameOptions = { title: 'Running', width: 60, colour: false, now: 1_000 };

// An `up` of a network and a database: the database's timer runs from Creating to Started.
const upEvents = [
  event('Network', 'demo_default', 'Creating', 0),
  event('Network', 'demo_default', 'Created', 100),
  event('Container', 'demo-db-1', 'Creating', 100),
  event('Container', 'demo-db-1', 'Created', 200),
  event('Container', 'demo-db-1', 'Starting', 250),
  event('Container', 'demo-db-1', 'Started', 400),
];

describe('renderProgressFrame', () => {
  it('draws nothing before the first event', () => {
    expect(renderProgressFrame([], options)).toEqual([]);
  });

  it("lays out Compose's block: header, ids padded to the longest, timers at the right edge", () => {
    expect(renderProgressFrame(upEvents, options)).toEqual([
      '[+] Running 2/2',
      ' ✔ Network demo_default  Created' + ' '.repeat(23) + '0.1s ',
      ' ✔ Container demo-db-1   Started' + ' '.repeat(23) + '0.3s ',
    ]);
  });

  it('spins for a running step, its timer counting up to now, and counts only finished steps', () => {
    const frame = renderProgressFrame([...upEvents, event('Container', 'demo-web-1', 'Starting', 500)], options);
    expect(frame).toEqual([
      '[+] Running 2/3',
      ' ✔ Network demo_default  Created' + ' '.repeat(23) + '0.1s ',
      ' ✔ Container demo-db-1   Started' + ' '.repeat(23) + '0.3s ',
      ' ⠴ Container demo-web-1  Starting' + ' '.repeat(22) + '0.5s ',
    ]);
  });

  it('advances the spinner every 100 ms of a step', () => {
    const starting = [event('Container', 'demo-web-1', 'Starting', 0)];
    const glyphs = [0, 99, 100, 950].map((now) => renderProgressFrame(starting, { ...options, now })[1]!.slice(1, 2));
    expect(glyphs).toEqual(['⠋', '⠋', '⠙', '⠏']);
  });

  it('colours glyphs, statuses, the timer, and the header once everything is done, as Compose does', () => {
    expect(renderProgressFrame(upEvents.slice(0, 2), { ...options, colour: true })).toEqual([
      '\x1b[36m[+] Running 1/1\x1b[0m',
      ' \x1b[32m✔\x1b[0m Network demo_default  \x1b[32mCreated\x1b[0m' + ' '.repeat(23) + '\x1b[34m0.1s \x1b[0m',
    ]);
    const running = renderProgressFrame([event('Container', 'demo-db-1', 'Starting', 1_000)], { ...options, colour: true });
    expect(running).toEqual(['[+] Running 0/1', ' \x1b[33m⠋\x1b[0m Container demo-db-1  Starting' + ' '.repeat(23) + '\x1b[34m0.0s \x1b[0m']);
  });

  it('marks errors and warnings with their own glyphs and bold colours, the detail after the status', () => {
    const frame = renderProgressFrame(
      [event('Container', 'demo-db-1', 'Creating', 0), event('Container', 'demo-db-1', 'Error', 200, 'port is taken'), event('Image', 'app', 'Warning', 300, 'no build')],
      { ...options, colour: true },
    );
    expect(frame).toEqual([
      '\x1b[36m[+] Running 2/2\x1b[0m',
      ' \x1b[31m\x1b[1m✘\x1b[0m Container demo-db-1  \x1b[31m\x1b[1mError port is taken\x1b[0m' + ' '.repeat(12) + '\x1b[34m0.2s \x1b[0m',
      ' \x1b[33m\x1b[1m!\x1b[0m Image app            \x1b[33m\x1b[1mWarning no build\x1b[0m' + ' '.repeat(15) + '\x1b[34m0.0s \x1b[0m',
    ]);
  });

  it('cuts a long detail with ... so no row is wider than the terminal', () => {
    const frame = renderProgressFrame([event('Container', 'demo-db-1', 'Error', 0, 'x'.repeat(100))], { ...options, width: 50 });
    expect(frame[1]).toBe(' ✘ Container demo-db-1  Error ' + 'x'.repeat(11) + '... 0.0s ');
    expect([...frame[1]!].length).toBe(50);
  });

  it('cuts long ids too when the terminal is narrow', () => {
    const frame = renderProgressFrame([event('Image', 'registry.example.com/team/application:1.2.3', 'Pulled', 0)], { ...options, width: 40 });
    expect(frame[1]).toBe(' ✔ Image registry.examp...  Pulled 0.0s ');
    expect([...frame[1]!].length).toBe(40);
  });

  it('shows the marker before the name of every row in a dry run', () => {
    const frame = renderProgressFrame([event('Container', 'demo-db-1', 'Started', 0)], { ...options, dryRun: true });
    expect(frame[1]).toBe(' ✔ DRY-RUN MODE -  Container demo-db-1  Started' + ' '.repeat(8) + '0.0s ');
  });

  it('keeps to the terminal height, showing errors and running steps before finished ones', () => {
    const events = [
      event('Container', 'a', 'Started', 0),
      event('Container', 'b', 'Starting', 0),
      event('Container', 'c', 'Started', 0),
      event('Container', 'd', 'Error', 0),
      event('Container', 'e', 'Started', 0),
    ];
    const frame = renderProgressFrame(events, { ...options, width: 30, height: 5 });
    expect(frame).toEqual([
      '[+] Running 4/5',
      ' ⠋ Container b  Starting 1.0s ',
      ' ✘ Container d  Error' + ' '.repeat(4) + '0.0s ',
      ' ... 3 more',
    ]);
  });

  it('keeps the time of a finished step when later events repeat its state', () => {
    const frame = renderProgressFrame(
      [event('Container', 'demo-db-1', 'Creating', 0), event('Container', 'demo-db-1', 'Created', 100), event('Container', 'demo-db-1', 'Running', 900)],
      options,
    );
    expect(frame[1]).toBe(' ✔ Container demo-db-1  Running' + ' '.repeat(24) + '0.1s ');
  });
});
