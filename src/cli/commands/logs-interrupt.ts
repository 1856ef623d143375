/**
 * For commands that stream until the user stops them (`logs -f`, `events`): the first SIGINT or
 * SIGTERM aborts the signal, and the command then exits 130 as Docker Compose does when its
 * context is cancelled. Call `dispose` when the stream ends, so later signals get Node's default.
 */
export function abortOnInterrupt(): { signal: AbortSignal; interrupted: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  const listener = (): void => controller.abort();
  process.once('SIGINT', listener);
  process.once('SIGTERM', listener);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    dispose: () => {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    },
  };
}

/** The exit code of a stream the user interrupted. */
export const interruptedExitCode = 130;
