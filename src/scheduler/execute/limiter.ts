/** Runs at most a fixed number of tasks at once; the others wait their turn, first come first served. */
export interface Limiter {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function limiter(slots: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finished task hands its slot straight to the first waiting one, so none can jump the queue.
  const acquire = (): Promise<void> | undefined => {
    if (active < slots) {
      active += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
