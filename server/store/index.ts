import type { MerchantConfig } from '../config.ts';
import { createMemoryStore } from './memoryStore.ts';
import type { MemoryStoreOptions } from './memoryStore.ts';
import { createRedisStore } from './redisStore.ts';
import type { Store } from './store.ts';

export { createMemoryStore } from './memoryStore.ts';
export type { MemoryStoreOptions } from './memoryStore.ts';
export { createRedisStore } from './redisStore.ts';
export type { RedisStoreOptions } from './redisStore.ts';
export { StoreUnavailableError, isStoreUnavailable } from './store.ts';
export type { Condition, Store, StoreHealth } from './store.ts';
export { backendRecords, records, versions } from './records.ts';
export type { BackendRecords, HandoffRecord, Records, Versions } from './records.ts';

/** The store the configuration names: Redis for `MARKID_STORE_URL`, else this process's memory. */
export function createStore(config: Pick<MerchantConfig, 'storeUrl'>, memory: MemoryStoreOptions = {}): Store {
  return config.storeUrl ? createRedisStore({ url: config.storeUrl }) : createMemoryStore(memory);
}
