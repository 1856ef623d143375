import { describe, expect, it } from 'vitest';
import { runcFailure } from '../../../../src/runtime/containers/monitor/runc/runc-errors.js';
import { lastRuncError } from '../../../../src/runtime/containers/monitor/runc/runc-log.js';

describe("runc's output", () => {
  it("finds runc's last logged error among its JSON log lines", () => {
    const log = [
      '{"level":"warning","msg":"a warning","time":"2026-11-23T15:14:52Z"}',
      '{"level":"error","msg":"first error","time":"2026-11-23T15:14:52Z"}',
      '{"level":"error","msg":"runc create failed: unable to start container process: exec: \\"/x\\": stat /x: no such file or directory","time":"2026-11-23T15:14:52Z"}',
      '{"level":"err',
    ].join('\n');
    expect(lastRuncError(log)).toBe('runc create failed: unable to start container process: exec: "/x": stat /x: no such file or directory');
    expect(lastRuncError('')).toBeUndefined();
  });

  it('names the container and says what runc said, with a kind the API maps to a status', () => {
    const base = { code: 1, signal: null, stdout: '', stderr: '' };
    const missing = runcFailure('kill', 'abc', { ...base, error: 'container does not exist' });
    expect(missing.message).toBe('runc kill of container abc failed: container does not exist');
    expect(missing.kind).toBe('not-found');
    expect(runcFailure('pause', 'abc', { ...base, error: 'container not running' }).kind).toBe('conflict');
    expect(runcFailure('start', 'abc', { ...base, error: undefined }).message).toBe('runc start of container abc failed: runc exited with 1');
  });
});
