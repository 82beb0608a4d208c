/**
 * A map that cannot grow without limit: entries carry an expiry, are kept `retentionMs` past it
 * (so a late caller hears "expired" rather than "unknown"), and the oldest go first when full.
 * Tokens and submissions are minted by anonymous browsers, so every table of them needs both.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly retentionMs: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  set(key: K, value: V, expiresAt: number, now: number): void {
    this.#entries.delete(key); // re-inserting moves it to the young end
    this.#entries.set(key, { value, expiresAt });
    this.#sweep(now);
  }

  get(key: K, now: number): { value: V; expired: boolean } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt + this.retentionMs <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return { value: entry.value, expired: entry.expiresAt <= now };
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  #sweep(now: number): void {
    // Insertion order is roughly expiry order, so stop at the first keeper: O(evicted), not O(n).
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size > this.capacity || entry.expiresAt + this.retentionMs <= now) this.#entries.delete(key);
      else break;
    }
  }
}
