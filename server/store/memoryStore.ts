import type { Condition, Store, StoreHealth } from './store.ts';

export interface MemoryStoreOptions {
  /** Entries kept at once; the oldest go first when full. Tokens are minted for anonymous browsers. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The default store: one process's memory, so `npm start` needs nothing else. Forgets everything
 * on restart and is not shared between instances: for those, use the Redis store.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const holds = (key: string, onlyIf: Condition | undefined): boolean => {
    if (onlyIf === undefined) return true;
    const entry = live(key);
    return onlyIf === 'absent' ? entry === undefined : entry?.value === onlyIf.equals;
  };
  const put = (key: string, value: string, ttlMs: number) => {
    entries.delete(key); // re-inserting moves it to the young end
    entries.set(key, { value, expiresAt: now() + ttlMs });
    sweep();
  };
  function sweep(): void {
    // Oldest first; stop at the first entry that is neither expired nor over capacity.
    const at = now();
    for (const [key, entry] of entries) {
      if (entries.size > maxEntries || entry.expiresAt <= at) entries.delete(key);
      else break;
    }
  }

  return {
    kind: 'memory',
    get: async (key) => live(key)?.value ?? null,
    async set(key, value, ttlMs, onlyIf) {
      if (!holds(key, onlyIf)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async delete(key, onlyIf) {
      if (!holds(key, onlyIf)) return false;
      return entries.delete(key);
    },
    async take(key) {
      const value = live(key)?.value ?? null;
      entries.delete(key);
      return value;
    },
    async increment(key, ttlMs) {
      const entry = live(key);
      const count = entry ? Number(entry.value) + 1 : 1;
      if (entry) entry.value = String(count);
      else put(key, '1', ttlMs);
      return { count, resetMs: (entry?.expiresAt ?? now() + ttlMs) - now() };
    },
    health: async (): Promise<StoreHealth> => ({ ok: true, kind: 'memory', latencyMs: 0 }),
    close: async () => entries.clear(),
  };
}
