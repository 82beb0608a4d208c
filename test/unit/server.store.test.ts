// @vitest-environment node
// The store contract, run against both implementations: the in-memory default and a real Redis.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../server/store/memoryStore.ts';
import { backendRecords } from '../../server/store/records.ts';
import { createRedisStore } from '../../server/store/redisStore.ts';
import type { Store } from '../../server/store/store.ts';
import { startRedis, type RedisServer } from '../redisServer.ts';

// Real processes on a shared machine: connecting and restarting Redis may take seconds.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let redis: RedisServer;
const stores: Store[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await redis?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let prefix = 0;
const kinds: [string, () => Store][] = [
  ['memory', () => createMemoryStore()],
  ['redis', () => createRedisStore({ url: redis.url, keyPrefix: `contract${prefix++}:` })],
];

async function ready(make: () => Store): Promise<Store> {
  const store = make();
  stores.push(store);
  // The Redis client connects in the background; a fresh one may need a moment.
  for (let i = 0; i < 500 && !(await store.health()).ok; i++) await sleep(20);
  return store;
}

describe.each(kinds)('the %s store', (_kind, make) => {
  it('keeps a value for its lifetime only', async () => {
    const store = await ready(make);
    expect(await store.set('a', 'one', 150)).toBe(true);
    expect(await store.get('a')).toBe('one');
    await sleep(250);
    expect(await store.get('a')).toBeNull();
  });

  it('sets only when absent, and only while it holds an expected value', async () => {
    const store = await ready(make);
    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => store.set('lease', `holder-${i}`, 5_000, 'absent')));
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const holder = await store.get('lease');
    expect(await store.set('lease', 'thief', 5_000, { equals: 'someone-else' })).toBe(false);
    expect(await store.set('lease', holder!, 5_000, { equals: holder! })).toBe(true);
    expect(await store.delete('lease', { equals: 'someone-else' })).toBe(false);
    expect(await store.delete('lease', { equals: holder! })).toBe(true);
    expect(await store.get('lease')).toBeNull();
  });

  it('hands a value to exactly one of many takers', async () => {
    const store = await ready(make);
    await store.set('secret', 'record', 5_000);
    const taken = await Promise.all(Array.from({ length: 6 }, () => store.take('secret')));
    expect(taken.filter((value) => value !== null)).toEqual(['record']);
    expect(await store.get('secret')).toBeNull();
  });

  it('counts within a window and starts again after it', async () => {
    const store = await ready(make);
    const counts = await Promise.all(Array.from({ length: 5 }, () => store.increment('rate', 300)));
    expect(counts.map((c) => c.count).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(counts.every((c) => c.resetMs > 0 && c.resetMs <= 300)).toBe(true);
    await sleep(400);
    expect((await store.increment('rate', 300)).count).toBe(1);
  });

  it('has room for handoffs: a record claimed once, and a version counter a waiter can poll', async () => {
    const store = await ready(make);
    const tables = backendRecords(store);
    expect(await tables.handoffVersions.current('h1')).toBe(0);
    await tables.handoffs.set('h1', { state: 'WAITING' }, 5_000);
    expect(await tables.handoffVersions.bump('h1', 5_000)).toBe(1);
    expect(await tables.handoffVersions.bump('h1', 5_000)).toBe(2);
    expect(await tables.handoffVersions.current('h1')).toBe(2);
    expect(await tables.handoffs.create('h1', { state: 'OTHER' }, 5_000)).toBe(false);
    const claims = await Promise.all([tables.handoffs.take('h1'), tables.handoffs.take('h1')]);
    expect(claims.filter(Boolean)).toEqual([{ state: 'WAITING' }]);
  });

  it('reports itself healthy', async () => {
    const store = await ready(make);
    expect(await store.health()).toMatchObject({ ok: true });
  });
});

describe('the Redis store when Redis goes away', () => {
  it('fails fast with StoreUnavailableError, stays up, and recovers by itself', async () => {
    const server = await startRedis();
    try {
      const store = await ready(() => createRedisStore({ url: server.url, commandTimeoutMs: 1_000 }));
      await store.set('k', 'v', 60_000);
      await server.stop();
      const started = Date.now();
      await expect(store.get('k')).rejects.toMatchObject({ name: 'StoreUnavailableError' });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await store.health()).toMatchObject({ ok: false, kind: 'redis' });
      await server.start();
      for (let i = 0; i < 100 && !(await store.health()).ok; i++) await sleep(50);
      expect(await store.get('k')).toBe('v'); // the append-only file kept it
      await store.close();
    } finally {
      await server.dispose();
    }
  });
});
