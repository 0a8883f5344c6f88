/**
 * A first-come first-served lock. PGlite is a single connection: this process's queries and
 * transactions, and those of other processes reaching it over the shared socket, take turns here.
 */
export class Gate {
  private tail: Promise<void> = Promise.resolve();

  /** Wait for the turn; the returned function ends it (a second call does nothing). */
  async acquire(): Promise<() => void> {
    let open!: () => void;
    const mine = new Promise<void>((r) => {
      open = r;
    });
    const before = this.tail;
    this.tail = before.then(() => mine);
    await before;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        open();
      }
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
