import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/scheduler/contract/progress.js';
import { BuildOutput, buildLineRole } from '../../../src/scheduler/execute/build-output.js';
import { limiter } from '../../../src/scheduler/execute/limiter.js';

/** dockerd's classic builder, message by message, as it streams a build with one cached step and one run. */
const classicStream = [
  { stream: 'Step 1/3 : FROM berth-fixture/busybox:1' },
  { stream: '\n' },
  { stream: ' ---> a59512e06029\n' },
  { stream: 'Step 2/3 : COPY . /app' },
  { stream: '\n' },
  { stream: ' ---> Using cache\n' },
  { stream: ' ---> 124f3c2900dc\n' },
  { stream: 'Step 3/3 : RUN echo hi; echo there' },
  { stream: '\n' },
  { stream: ' ---> Running in 3311ea809b8e\n' },
  { stream: 'hi\n' },
  { stream: 'there\nRemoving intermediate container 3311ea809b8e\n' },
  { stream: ' ---> 6e183a1d6b7d\n' },
  { aux: { ID: 'sha256:6e183a1d6b7d6b09a3ff42cad9bcfc1bfedc6f66a1b0e34636628c13f5081415' } },
  { stream: 'Successfully built 6e183a1d6b7d\n' },
  { stream: 'Successfully tagged demo-web:latest\n' },
];

function read(messages: typeof classicStream): { output: BuildOutput; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  const output = new BuildOutput('web', 'demo-web', (event) => events.push(event));
  for (const message of messages) output.message(message);
  output.end();
  return { output, events };
}

describe('BuildOutput', () => {
  it('reports each whole line once, with its role, however the engine cut the text', () => {
    const { events } = read(classicStream);
    expect(events.map((event) => `${event.buildLine?.role}: ${event.buildLine?.text}`)).toEqual([
      'step: Step 1/3 : FROM berth-fixture/busybox:1',
      'builder:  ---> a59512e06029',
      'step: Step 2/3 : COPY . /app',
      'cached:  ---> Using cache',
      'builder:  ---> 124f3c2900dc',
      'step: Step 3/3 : RUN echo hi; echo there',
      'builder:  ---> Running in 3311ea809b8e',
      'output: hi',
      'output: there',
      'builder: Removing intermediate container 3311ea809b8e',
      'builder:  ---> 6e183a1d6b7d',
      'builder: Successfully built 6e183a1d6b7d',
      'builder: Successfully tagged demo-web:latest',
    ]);
    expect(events.every((event) => event.kind === 'Image' && event.name === 'demo-web' && event.status === 'Building' && !event.done && event.buildLine?.service === 'web')).toBe(true);
  });

  it('shows the step, a cache hit on it, or what the step printed as the detail', () => {
    const details = read(classicStream).events.map((event) => event.detail);
    expect(details.slice(2, 5)).toEqual(['Step 2/3 : COPY . /app', 'Step 2/3 : COPY . /app (cached)', 'Step 2/3 : COPY . /app']);
    expect(details.slice(7, 9)).toEqual(['hi', 'there']);
  });

  it('keeps the image id, from aux or from the id line alone that -q leaves', () => {
    expect(read(classicStream).output.imageId).toBe('sha256:6e183a1d6b7d6b09a3ff42cad9bcfc1bfedc6f66a1b0e34636628c13f5081415');
    const quiet = read([{ stream: `sha256:${'b'.repeat(64)}\n` }]);
    expect(quiet.output.imageId).toBe(`sha256:${'b'.repeat(64)}`);
    expect(quiet.events[0]?.buildLine?.role).toBe('builder');
  });

  it('keeps the last ten lines of the steps and their output for a failed build\'s error, a last line without newline too', () => {
    const lines = Array.from({ length: 12 }, (_, index) => ({ stream: `line ${index + 1}\n` }));
    const { output } = read([{ stream: 'Step 1/1 : RUN seq 12; exit 3\n' }, { stream: ' ---> Running in 0123456789ab\n' }, ...lines, { stream: 'no newline' }]);
    expect(output.tail).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'no newline']);
  });

  it('takes a CRLF as a line end', () => {
    expect(read([{ stream: 'a\r\nb\r\n' }]).events.map((event) => event.buildLine?.text)).toEqual(['a', 'b']);
  });
});

describe('buildLineRole', () => {
  it('tells the builder\'s lines from the command\'s', () => {
    expect(buildLineRole('Step 10/12 : ENV A=b')).toBe('step');
    expect(buildLineRole(' ---> Using cache')).toBe('cached');
    expect(buildLineRole(' ---> [Warning] IPv4 forwarding is disabled. Networking will not work.')).toBe('builder');
    expect(buildLineRole('Step one')).toBe('output');
    expect(buildLineRole('  ---> indented by the command')).toBe('output');
  });
});

describe('limiter', () => {
  it('runs at most the given number at once, the rest in the order they came', async () => {
    const limit = limiter(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [1, 2, 3, 4].map((n) =>
      limit.run(async () => {
        active += 1;
        most = Math.max(most, active);
        order.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
        active -= 1;
      }),
    );
    while (order.length < 4) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    releases.forEach((release) => release());
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
