import type { WatchEvent } from '../../watch/index.js';
import { describeWatchEvent } from '../../watch/index.js';

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
