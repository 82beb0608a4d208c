/**
 * A fixed number of slots, handed out first come, first served. The backend reads a submission's
 * body only once it holds a slot, so however many phones upload at once, at most `size` bodies
 * (15 MB each, and several copies of each while parsed and forwarded) are in memory; the others
 * wait with their uploads paused by TCP until a slot frees, or give up after `maxWaitMs`.
 */
export class Slots {
  #free: number;
  readonly #queue: { grant: (release: () => void) => void; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`slots must be a whole number >= 1, got ${size}`);
    this.#free = size;
  }

  /** Resolves with a release function, or with null when no slot freed up in time. */
  acquire(maxWaitMs: number): Promise<(() => void) | null> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => {
      const waiter = {
        grant: (release: () => void) => {
          clearTimeout(waiter.timer);
          resolve(release);
        },
        timer: setTimeout(() => {
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          resolve(null);
        }, maxWaitMs),
      };
      this.#queue.push(waiter);
    });
  }

  get waiting(): number {
    return this.#queue.length;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant(this.#releaser());
      else this.#free++;
    };
  }
}
