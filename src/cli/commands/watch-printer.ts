import type { ProgressSink } from '../../scheduler/index.js';
import type { WatchEvent } from '../../watch/index.js';
import { describeWatchEvent } from '../../watch/index.js';
import { createProgressPrinter } from '../output/progress-printer.js';

/**
 * Watch's events as plain lines on `out`, the service's name in front: `[web] synced
 * /app/index.html (1 file) in 12 ms`. A sync+exec command's output follows its line, indented.
 */
export function watchPrinter(out: NodeJS.WritableStream): (event: WatchEvent) => void {
  return (event) => {
    const who = event.service === '' ? 'watch' : event.service;
    out.write(`[${who}] ${describeWatchEvent(event)}\n`);
    if (event.kind === 'executed' && event.output.trim() !== '') {
      for (const line of event.output.replace(/\n$/u, '').split('\n')) out.write(`    ${line}\n`);
    }
  };
}

/**
 * Where the scheduler's progress goes while watching (a rebuild's build and recreate): plain lines
 * on standard error, which interleave with watch's lines where a live block would not. `quiet`
 * (--quiet) leaves out the builds' output.
 */
export function watchProgress(quiet: boolean): ProgressSink {
  const printer = createProgressPrinter('plain', process.stderr, { env: process.env });
  return (event) => {
    if (!quiet || event.buildLine === undefined) printer.sink(event);
  };
}
