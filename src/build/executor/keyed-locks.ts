/** Mutual exclusion by name: work holding a set of names waits for every earlier holder of any of them. */
export class KeyedLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async hold<T>(names: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(names)].sort();
    if (unique.length === 0) return work();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const before = unique.map((name) => this.tails.get(name) ?? Promise.resolve());
    for (const name of unique) this.tails.set(name, released);
    try {
      await Promise.all(before);
      return await work();
    } finally {
      release();
      for (const name of unique) if (this.tails.get(name) === released) this.tails.delete(name);
    }
  }
}
