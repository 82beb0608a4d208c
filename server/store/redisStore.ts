import type { RedisClientType } from 'redis';
import { StoreUnavailableError } from './store.ts';
import type { Condition, Store, StoreHealth } from './store.ts';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
  url: string;
  /** Prepended to every key, so one Redis may serve several backends or environments. */
  keyPrefix?: string;
  /** A command that takes longer is answered as store trouble (503), not waited for. */
  commandTimeoutMs?: number;
}

const SET_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const INCREMENT = `local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {c, redis.call('PTTL', KEYS[1])}`;

/** Reconnection never gives up, and retries at least once a second, so recovery follows Redis's. */
const reconnectDelay = (retries: number) => Math.min(50 * 2 ** retries, 1_000);

/** A client that connects in the background and keeps the last connection error for `/api/health`. */
function connect(url: string, timeoutMs: number): { client: Promise<RedisClientType>; lastError: () => string } {
  let lastError = 'not connected yet';
  const client: Promise<RedisClientType> = import('redis').then(
    ({ createClient }) => {
      const redis = createClient({
        url,
        disableOfflineQueue: true,
        pingInterval: 5_000,
        socket: { connectTimeout: timeoutMs, reconnectStrategy: reconnectDelay },
      }) as RedisClientType;
      // Without a listener an error event would end the process.
      // The code or class only: a message may name the host.
      redis.on('error', (error: Error & { code?: string }) => (lastError = error.code ?? error.name));
      redis.on('ready', () => (lastError = ''));
      redis.connect().catch(() => undefined);
      return redis;
    },
    () => {
      throw new StoreUnavailableError("MARKID_STORE_URL names Redis but the 'redis' package is not installed: npm install redis");
    },
  );
  client.catch(() => undefined);
  return { client, lastError: () => lastError };
}

/**
 * The store shared by every instance behind a load balancer: one Redis, through the `redis` client
 * (an optional peer dependency, loaded only when this store is used). Commands are never queued
 * while disconnected and time out after `commandTimeoutMs`, so Redis trouble is a prompt 503, never
 * a hang; the client reconnects by itself in the background.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const prefix = options.keyPrefix ?? 'markid:';
  const timeoutMs = options.commandTimeoutMs ?? 2_000;
  let closed = false;
  const connection = connect(options.url, timeoutMs);

  async function run<T>(command: (redis: RedisClientType) => Promise<T>): Promise<T> {
    const redis = await connection.client;
    if (closed) throw new StoreUnavailableError('The Redis store is closed');
    if (!redis.isReady) throw new StoreUnavailableError(`Redis is not connected (${connection.lastError() || 'reconnecting'})`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([command(redis), timeout]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`Redis command failed (${(error as Error).name})`);
    } finally {
      clearTimeout(timer);
    }
  }

  const ms = (value: number) => String(Math.max(1, Math.ceil(value)));

  return {
    kind: 'redis',
    get: (key) => run((redis) => redis.get(prefix + key)),
    async set(key, value, ttlMs, onlyIf?: Condition) {
      if (onlyIf === undefined || onlyIf === 'absent') {
        const condition = onlyIf === 'absent' ? { condition: 'NX' as const } : {};
        const reply = await run((redis) => redis.set(prefix + key, value, { expiration: { type: 'PX', value: Number(ms(ttlMs)) }, ...condition }));
        return reply === 'OK';
      }
      const reply = await run((redis) => redis.eval(SET_IF_EQUAL, { keys: [prefix + key], arguments: [onlyIf.equals, value, ms(ttlMs)] }));
      return reply === 1;
    },
    async delete(key, onlyIf) {
      const reply = onlyIf
        ? await run((redis) => redis.eval(DELETE_IF_EQUAL, { keys: [prefix + key], arguments: [onlyIf.equals] }))
        : await run((redis) => redis.del(prefix + key));
      return Number(reply) > 0;
    },
    take: (key) => run((redis) => redis.getDel(prefix + key)),
    async increment(key, ttlMs) {
      const reply = (await run((redis) => redis.eval(INCREMENT, { keys: [prefix + key], arguments: [ms(ttlMs)] }))) as [number, number];
      return { count: Number(reply[0]), resetMs: Math.max(0, Number(reply[1])) };
    },
    async health(): Promise<StoreHealth> {
      const started = performance.now();
      try {
        await run((redis) => redis.ping());
        return { ok: true, kind: 'redis', latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        return { ok: false, kind: 'redis', error: (error as Error).message };
      }
    },
    async close() {
      closed = true;
      const redis = await connection.client.catch(() => null);
      if (!redis) return;
      // `close` lets pending replies arrive; a client still (re)connecting can only be destroyed.
      if (redis.isReady) await redis.close().catch(() => undefined);
      try {
        if (redis.isOpen) redis.destroy();
      } catch {
        // already closed
      }
    },
  };
}
