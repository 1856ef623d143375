import type { GlobalOptions } from '../global-options.js';
import { choosePrintMode, createProgressPrinter, type ProgressPrinter } from './progress-printer.js';

/**
 * The progress printer a compose command writes to standard error, as `--progress`, `--ansi` and
 * `--dry-run` ask. `quietPull` (`up --quiet-pull`) leaves out the pulls' progress, not their errors.
 */
export function openProgressOutput(global: GlobalOptions, quietPull = false): ProgressPrinter {
  const mode = choosePrintMode(global.progress, process.stderr, { ansi: global.ansi, env: process.env });
  const printer = createProgressPrinter(mode, process.stderr, { dryRun: global.dryRun, env: process.env });
  if (!quietPull) return printer;
  return {
    mode: printer.mode,
    sink: (event) => {
      if (event.status !== 'Pulling' && event.status !== 'Pulled') printer.sink(event);
    },
    close: () => printer.close(),
  };
}
