/** Warnings go to standard error, so that piped output (`berth config > out.yaml`) stays clean. */
export function printWarning(message: string): void {
  process.stderr.write(`WARN ${message}\n`);
}
