// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Slots } from '../../server/slots.ts';
import { deferred, setup, submission } from './serverFixtures.ts';

describe('Slots', () => {
  it('hands out slots in order and gives up on a waiter after its time', async () => {
    const slots = new Slots(2);
    const a = await slots.acquire(1000);
    const b = await slots.acquire(1000);
    const order: string[] = [];
    const c = slots.acquire(1000).then((release) => (order.push('c'), release));
    const d = slots.acquire(1000).then((release) => (order.push('d'), release));
    expect(slots.waiting).toBe(2);
    a!();
    a!(); // releasing twice frees one slot, not two
    const releaseC = await c;
    expect(order).toEqual(['c']);
    b!();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(await slots.acquire(20)).toBeNull();
    releaseC!();
    expect(await slots.acquire(20)).toBeTypeOf('function');
  });
});

describe('submissions beyond the slots', () => {
  it('wait without being read, and hear 503 BACKEND_BUSY with Retry-After when none frees in time', async () => {
    const gate = deferred();
    const kit = setup(
      { MARKID_MAX_CONCURRENT_SUBMISSIONS: '1' },
      { deps: { slotWaitMs: 50 }, intercept: (call) => (call.path === '/api/v2/process' ? gate.promise.then(() => undefined) : undefined) },
    );
    const [first, second] = await Promise.all([kit.session(), kit.session()]);
    const held = kit.submit(submission(first.body.authToken));
    const busy = await kit.submit(submission(second.body.authToken));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({ identifier: 'BACKEND_BUSY' });
    gate.release();
    expect((await held).status).toBe(200);
    // The slot is free again: the second person gets through now.
    expect((await kit.submit(submission(second.body.authToken))).status).toBe(200);
    expect(kit.count('/api/v2/process')).toBe(2);
  });

  it('refuses a nonsense limit at startup', async () => {
    const { loadConfig, ConfigError } = await import('../../server/config.ts');
    expect(() => loadConfig({ MARKID_MAX_CONCURRENT_SUBMISSIONS: '0' })).toThrow(ConfigError);
    expect(loadConfig({}).maxConcurrentSubmissions).toBe(8);
  });
});
