import { describe, expect, it } from 'vitest';
import { SyncMessageReader } from '../../../../src/runtime/containers/monitor/conmon/sync-messages.js';

describe("conmon's sync pipe", () => {
  it('yields the container PID once its message is complete, however the bytes arrive', () => {
    const reader = new SyncMessageReader();
    expect(reader.push('{"data": 12')).toEqual([]);
    expect(reader.push('34}')).toEqual([{ data: 1234 }]);
  });

  it("carries runc's stderr with a failed create, braces and escapes included", () => {
    const reader = new SyncMessageReader();
    const text = '{"data": -1, "message": "runc create failed: {odd} \\"quoted\\"\\n"}{"data": 7}';
    expect(reader.push(text)).toEqual([{ data: -1, message: 'runc create failed: {odd} "quoted"\n' }, { data: 7 }]);
  });

  it('reads the version 0 key too', () => {
    expect(new SyncMessageReader().push('{"pid": 42}')).toEqual([{ data: 42 }]);
  });
});
