/** One of the tasks runSideBySide runs: it stops when `signal` aborts. */
export type SideTask<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs `tasks` side by side, as Go's errgroup with a context: each gets a signal that aborts when
 * `signal` does or as soon as another task fails, and this settles only once every task has
 * stopped, so nothing is still writing when the caller lets go of its lease. Resolves to the
 * results in order; rejects with the signal's reason when it aborted, else the first failure.
 */
export async function runSideBySide<T>(tasks: readonly SideTask<T>[], signal?: AbortSignal): Promise<T[]> {
  const group = new AbortController();
  const forward = (): void => group.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  let failure: { error: unknown } | undefined;
  try {
    const settled = await Promise.allSettled(
      tasks.map(async (task) => {
        try {
          return await task(group.signal);
        } catch (error) {
          failure ??= { error };
          group.abort(error);
          throw error;
        }
      }),
    );
    if (signal?.aborted) throw signal.reason;
    if (failure) throw failure.error;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
