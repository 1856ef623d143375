import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlobalOptions } from '../../../src/cli/global-options.js';
import { openProgressOutput } from '../../../src/cli/output/progress-output.js';
import type { ProgressEvent } from '../../../src/scheduler/contract/progress.js';

const global: GlobalOptions = { file: [], profile: [], envFile: [], dryRun: false, progress: 'json', ansi: 'auto' };
const pulled: ProgressEvent = { kind: 'Image', name: 'postgres:15', status: 'Pulled', done: true, time: 0 };
const failed: ProgressEvent = { kind: 'Image', name: 'postgres:15', status: 'Error', done: true, detail: 'not found', time: 0 };

describe('openProgressOutput', () => {
  afterEach(() => vi.restoreAllMocks());

  function written(run: () => void): string {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    run();
    return write.mock.calls.map(([chunk]) => String(chunk)).join('');
  }

  it('writes progress to standard error in the mode --progress names', () => {
    const text = written(() => openProgressOutput(global).sink(pulled));
    expect(text).toBe('{"id":"Image postgres:15","status":"Pulled"}\n');
  });

  it("leaves out pulls' progress with --quiet-pull, but not their errors", () => {
    const text = written(() => {
      const progress = openProgressOutput(global, true);
      progress.sink(pulled);
      progress.sink(failed);
      progress.close();
    });
    expect(text).toBe('{"id":"Image postgres:15","status":"Error","details":"not found"}\n');
  });
});
