// One async queue per key: callers with the same key run one at a time, in arrival order.
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // The last caller of a key cleans up so the map does not grow with every conversation.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
