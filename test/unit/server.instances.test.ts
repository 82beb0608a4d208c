// @vitest-environment node
// Several backend instances sharing one real Redis, as behind a load balancer: sessions, exactly-once
// submission, restarts, a crashed instance, the rate limit, and Redis going down and coming back.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMerchantBackend } from '../../server/backend.ts';
import type { MerchantBackend, MerchantBackendDeps } from '../../server/backend.ts';
import { loadConfig } from '../../server/config.ts';
import type { Env } from '../../server/config.ts';
import { createSandboxVendor } from '../../server/sandbox.ts';
import { createRedisStore } from '../../server/store/redisStore.ts';
import type { FetchLike } from '../../server/vendorClient.ts';
import { startRedis, type RedisServer } from '../redisServer.ts';
import { JPEG, CUSTOM_STEPS, deferred, jsonRequest, submission } from './serverFixtures.ts';

// Real processes on a shared machine: connecting and restarting Redis may take seconds.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let redis: RedisServer;
let keyspace = 0;
const open: MerchantBackend[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((backend) => backend.store.close()));
});
afterAll(async () => {
  await redis?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One vendor (the sandbox) that every instance reaches, counting calls; `hold` may delay one. */
function sharedVendor() {
  const sandbox = createSandboxVendor();
  const calls: string[] = [];
  let hold: ((path: string) => Promise<void> | undefined) | null = null;
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    calls.push(path);
    const answer = sandbox.handle(new Request(url, init));
    await hold?.(path);
    return answer;
  };
  return {
    sandbox,
    fetch,
    count: (path: string) => calls.filter((call) => call === path).length,
    setHold: (next: typeof hold) => (hold = next),
  };
}

/** A cluster: `instance()` starts one more backend on the shared Redis and vendor (a fresh process would look the same). */
function cluster(env: Env = {}, deps: MerchantBackendDeps = {}) {
  const vendor = sharedVendor();
  const prefix = `cluster${keyspace++}:`;
  const config = loadConfig({ MARKID_STORE_URL: redis.url, ...env });
  async function instance(extra: MerchantBackendDeps = {}) {
    const store = createRedisStore({ url: redis.url, keyPrefix: prefix, commandTimeoutMs: 1_000 });
    const backend = createMerchantBackend(config, { sandbox: vendor.sandbox, fetch: vendor.fetch, store, ...deps, ...extra });
    open.push(backend);
    for (let i = 0; i < 500 && !(await store.health()).ok; i++) await sleep(20);
    return backend;
  }
  const session = async (backend: MerchantBackend, headers: Record<string, string> = {}) => {
    const response = await backend(jsonRequest('http://shop.test/api/session', {}, { headers }), { clientAddress: '203.0.113.9' });
    return { response, body: (await response.json()) as { authToken: string; scanRef: string; identifier?: string } };
  };
  const submit = (backend: MerchantBackend, body: unknown) => backend(jsonRequest('http://shop.test/api/submit', body));
  return { vendor, instance, session, submit };
}

describe('two instances on one Redis', () => {
  it('accepts on B a session minted on A, and answers a replay on A without the vendor', async () => {
    const { instance, session, submit, vendor } = cluster();
    const [a, b] = [await instance(), await instance()];
    const { body: s } = await session(a);
    const onB = await submit(b, submission(s.authToken));
    expect(onB.status).toBe(200);
    expect(await onB.json()).toEqual({ scanRef: s.scanRef });
    const replay = await submit(a, submission(s.authToken));
    expect(await replay.json()).toEqual({ scanRef: s.scanRef });
    expect(vendor.count('/api/v2/process')).toBe(1);
    const status = await a(jsonRequest('http://shop.test/api/submit/status', { authToken: s.authToken }));
    expect(await status.json()).toEqual({ state: 'SUCCEEDED', scanRef: s.scanRef });
  });

  it('lets 12 simultaneous submits of one token, across both, reach the vendor once', async () => {
    const { instance, session, submit, vendor } = cluster({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ additionalSteps: CUSTOM_STEPS }) });
    const [a, b] = [await instance(), await instance()];
    const { body: s } = await session(a);
    const gate = deferred();
    vendor.setHold((path) => (path === '/api/v2/process' ? gate.promise : undefined));
    const body = submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: JPEG } });
    const replies = Promise.all(Array.from({ length: 12 }, (_, i) => submit(i % 2 ? b : a, body)));
    await sleep(150);
    gate.release();
    const answers = await Promise.all((await replies).map(async (reply) => ({ status: reply.status, body: await reply.json() })));
    expect(answers).toEqual(Array.from({ length: 12 }, () => ({ status: 200, body: { scanRef: s.scanRef } })));
    expect(vendor.count('/api/v2/process')).toBe(1);
    expect(vendor.count('/api/v2/upload-additional-step')).toBe(1);
  });

  it('gives the waiting duplicates the same failure the one vendor call got', async () => {
    const { instance, session, submit, vendor } = cluster();
    const [a, b] = [await instance(), await instance()];
    const { body: s } = await session(a);
    const gate = deferred();
    vendor.setHold((path) => (path === '/api/v2/process' ? gate.promise : undefined));
    const bad = submission(s.authToken, { country: 'XX' });
    const replies = Promise.all([submit(a, bad), submit(b, bad), submit(b, bad)]);
    await sleep(150);
    gate.release();
    const statuses = (await replies).map((reply) => reply.status);
    expect(statuses).toEqual([400, 400, 400]);
    expect(vendor.count('/api/v2/process')).toBe(1);
  });

  it('survives a restart of both: earlier sessions submit, replays answer from the record', async () => {
    const { instance, session, submit, vendor } = cluster();
    let [a, b] = [await instance(), await instance()];
    const { body: done } = await session(a);
    expect((await submit(b, submission(done.authToken))).status).toBe(200);
    const { body: open } = await session(b);
    await Promise.all([a.store.close(), b.store.close()]);
    [a, b] = [await instance(), await instance()];
    expect(await (await submit(a, submission(done.authToken))).json()).toEqual({ scanRef: done.scanRef });
    const later = await submit(a, submission(open.authToken));
    expect(later.status).toBe(200);
    expect(await later.json()).toEqual({ scanRef: open.scanRef });
    expect(vendor.count('/api/v2/process')).toBe(2);
  });

  it("takes over from an instance that died mid-call once its lease expires, and loses nothing", async () => {
    const { instance, session, submit, vendor } = cluster({}, { leaseMs: 300, timeoutMs: 60_000 });
    const a = await instance();
    const b = await instance();
    const { body: s } = await session(a);
    // A's /process reaches the vendor, is accepted, and A dies before hearing the answer.
    vendor.setHold((path) => (path === '/api/v2/process' ? new Promise(() => undefined) : undefined));
    void submit(a, submission(s.authToken));
    while (vendor.count('/api/v2/process') === 0) await sleep(10);
    await sleep(50); // the sandbox accepts it
    await a.store.close(); // its lease renewals stop with it
    vendor.setHold(null);
    const started = Date.now();
    const retry = await submit(b, submission(s.authToken));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ scanRef: s.scanRef });
    expect(Date.now() - started).toBeLessThan(10_000);
    // B asked once more, heard TOKEN_USED, and knew A's call had landed.
    expect(vendor.count('/api/v2/process')).toBe(2);
    expect(vendor.sandbox.submissions()).toHaveLength(1);
  });
});

describe('the merchant hook and the session rate limit across instances', () => {
  const hook: MerchantBackendDeps['createSession'] = (request) => {
    const user = request.headers.get('x-shop-user');
    if (!user) return Response.json({ message: 'Log in first', identifier: 'UNAUTHORIZED' }, { status: 401 });
    return { clientId: `shop-user-${user}`, firstName: 'Ona', lastName: 'Jonaitė', additionalData: { address: 'Gedimino pr. 1' } };
  };

  it('binds each token to the logged-in person and counts their sessions on every instance', async () => {
    const { instance, session } = cluster({ MARKID_SESSION_RATE_LIMIT: '3/60' }, { createSession: hook });
    const [a, b] = [await instance(), await instance()];
    expect((await session(a)).response.status).toBe(401);
    const statuses = [];
    for (const backend of [a, b, a, b]) statuses.push((await session(backend, { 'x-shop-user': '7' })).response.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await session(b, { 'x-shop-user': '7' });
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.identifier).toBe('RATE_LIMITED');
    // Someone else, from the same address, is not affected.
    expect((await session(a, { 'x-shop-user': '8' })).response.status).toBe(200);
  });

  it('passes the person to the vendor', async () => {
    const sandbox = createSandboxVendor();
    const bodies: Record<string, unknown>[] = [];
    const backend = createMerchantBackend(loadConfig({}), {
      sandbox,
      createSession: hook,
      fetch: (url, init) => {
        bodies.push(JSON.parse(String(init.body)));
        return sandbox.handle(new Request(url, init));
      },
    });
    const response = await backend(jsonRequest('http://shop.test/api/session', { locale: 'lt' }, { headers: { 'x-shop-user': '7' } }));
    expect(response.status).toBe(200);
    expect(bodies[0]).toMatchObject({ clientId: 'shop-user-7', firstName: 'Ona', additionalData: { address: 'Gedimino pr. 1' }, locale: 'lt' });
  });
});

describe('when Redis goes down', () => {
  it('answers 503 STORE_UNAVAILABLE with Retry-After within seconds, reports it, and recovers by itself', async () => {
    const server = await startRedis();
    const config = loadConfig({ MARKID_STORE_URL: server.url });
    const store = createRedisStore({ url: server.url, commandTimeoutMs: 1_000 });
    const backend = createMerchantBackend(config, { store });
    open.push(backend);
    try {
      for (let i = 0; i < 500 && !(await store.health()).ok; i++) await sleep(20);
      const { authToken } = await (await backend(jsonRequest('http://shop.test/api/session', {}))).json();
      await server.stop();
      const started = Date.now();
      const [session, sent, health] = await Promise.all([
        backend(jsonRequest('http://shop.test/api/session', {})),
        backend(jsonRequest('http://shop.test/api/submit', submission(authToken))),
        backend(new Request('http://shop.test/api/health')),
      ]);
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const response of [session, sent]) {
        expect(response.status).toBe(503);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        const body = await response.json();
        expect(body.identifier).toBe('STORE_UNAVAILABLE');
        expect(JSON.stringify(body)).not.toContain(String(new URL(server.url).port));
      }
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'store-unavailable', store: { ok: false, kind: 'redis' } });

      await server.start();
      let healthy = 0;
      for (let i = 0; i < 100 && healthy !== 200; i++) {
        await sleep(50);
        healthy = (await backend(new Request('http://shop.test/api/health'))).status;
      }
      expect(healthy).toBe(200);
      const after = await backend(jsonRequest('http://shop.test/api/submit', submission(authToken)));
      expect(after.status).toBe(200);
    } finally {
      await server.dispose();
    }
  });
});
