// @vitest-environment node
// The handoff lifecycle through the backend's fetch handler: mint for a minted session only, claim
// once and bind to that phone, expiry, revocation, the rate limits, progress, and "sent" only once
// the backend itself accepted the submission; then the same across two instances on a real Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchantBackend } from '../../server/backend.ts';
import type { MerchantBackend, MerchantBackendDeps } from '../../server/backend.ts';
import { loadConfig } from '../../server/config.ts';
import { createSandboxVendor } from '../../server/sandbox.ts';
import { createRedisStore } from '../../server/store/redisStore.ts';
import type { FetchLike } from '../../server/vendorClient.ts';
import { handoffLink, handoffSecretFrom } from '../../src/core/handoff.ts';
import type { HandoffClaimed, HandoffMinted, HandoffStatus } from '../../src/core/handoff.ts';
import { startRedis, type RedisServer } from '../redisServer.ts';
import { jsonRequest, submission } from './serverFixtures.ts';

const ORIGIN = 'http://shop.test';
const post = (backend: MerchantBackend, path: string, body: unknown, headers: Record<string, string> = {}, address = '203.0.113.9') =>
  backend(jsonRequest(`${ORIGIN}${path}`, body, { headers }), { clientAddress: address });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function clock(start = Date.UTC(2026, 11, 1, 12)) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

async function sessionOn(backend: MerchantBackend) {
  const response = await post(backend, '/api/session', {});
  expect(response.status).toBe(200);
  return (await response.json()) as { authToken: string; scanRef: string } & Record<string, unknown>;
}

async function mintOn(backend: MerchantBackend, session: Record<string, unknown>, choices = { country: 'LT', documentType: 'ID_CARD' }) {
  const response = await post(backend, '/api/handoff', { session, choices });
  expect(response.status).toBe(200);
  return (await response.json()) as HandoffMinted;
}

const statusOn = async (backend: MerchantBackend, desktopSecret: string) =>
  (await (await post(backend, '/api/handoff/status', {}, bearer(desktopSecret))).json()) as HandoffStatus;

/** Reads an events stream until `until` says stop, and answers the status events it carried. */
async function readEvents(response: Response, until: (status: HandoffStatus) => boolean): Promise<{ statuses: HandoffStatus[]; raw: string }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let raw = '';
  const statuses: HandoffStatus[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += value;
    const blocks = raw.split('\n\n');
    statuses.length = 0;
    for (const block of blocks.slice(0, -1)) {
      const data = /^event: status\ndata: (.*)$/m.exec(block);
      if (data) statuses.push(JSON.parse(data[1]!) as HandoffStatus);
    }
    if (statuses.length && until(statuses.at(-1)!)) {
      await reader.cancel();
      break;
    }
  }
  return { statuses, raw };
}

function backendWith(deps: MerchantBackendDeps = {}) {
  return createMerchantBackend(loadConfig({}), { handoffEvents: { pollMs: 10, heartbeatMs: 30 }, ...deps });
}

describe('a handoff on one backend', () => {
  it('mints only for a session this backend minted, with a 256-bit secret the link carries in its fragment', async () => {
    const backend = backendWith();
    const session = await sessionOn(backend);
    const forged = await post(backend, '/api/handoff', { session: { ...session, authToken: 'made-up' }, choices: {} });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { identifier: string }).identifier).toBe('TOKEN_NOT_MINTED');
    const otherScan = await post(backend, '/api/handoff', { session: { ...session, scanRef: 'someone-else' }, choices: {} });
    expect(otherScan.status).toBe(403);

    const minted = await mintOn(backend, session);
    expect(Buffer.from(minted.secret, 'base64url').byteLength).toBeGreaterThanOrEqual(16);
    expect(minted.secret).not.toBe(minted.desktopSecret);
    const link = handoffLink(`${ORIGIN}/`, minted.secret);
    expect(link).toBe(`${ORIGIN}/#handoff=${minted.secret}`);
    expect(link).not.toContain(session.authToken);
    expect(handoffSecretFrom(new URL(link).hash)).toBe(minted.secret);
    expect(await statusOn(backend, minted.desktopSecret)).toEqual({ kind: 'WAITING', claimBy: minted.claimBy });
  });

  it('is claimed once: the first phone gets the session and choices, a second claim is refused as claimed', async () => {
    const backend = backendWith();
    const session = await sessionOn(backend);
    const minted = await mintOn(backend, session);
    const first = await post(backend, '/api/handoff/claim', { secret: minted.secret });
    expect(first.status).toBe(200);
    const claimed = (await first.json()) as HandoffClaimed;
    expect(claimed.session.authToken).toBe(session.authToken);
    expect(claimed.choices).toEqual({ country: 'LT', documentType: 'ID_CARD' });
    expect(await statusOn(backend, minted.desktopSecret)).toEqual({ kind: 'CONNECTED' });

    const second = await post(backend, '/api/handoff/claim', { secret: minted.secret }, {}, '198.51.100.7');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { identifier: string }).identifier).toBe('HANDOFF_CLAIMED');
    const unknown = await post(backend, '/api/handoff/claim', { secret: 'A'.repeat(43) });
    expect(((await unknown.json()) as { identifier: string }).identifier).toBe('HANDOFF_NOT_FOUND');
  });

  it('lets only one of many simultaneous claims win', async () => {
    const backend = backendWith();
    const minted = await mintOn(backend, await sessionOn(backend));
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => post(backend, '/api/handoff/claim', { secret: minted.secret }, {}, `198.51.100.${i}`)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it('is bound to the phone that claimed it: only its secret reports progress, only the desktop reads the status', async () => {
    const backend = backendWith();
    const minted = await mintOn(backend, await sessionOn(backend));
    const claimed = (await (await post(backend, '/api/handoff/claim', { secret: minted.secret })).json()) as HandoffClaimed;
    expect((await post(backend, '/api/handoff/progress', { kind: 'STEP', step: 1, of: 3 }, bearer(minted.desktopSecret))).status).toBe(401);
    expect((await post(backend, '/api/handoff/progress', { kind: 'STEP', step: 4, of: 3 }, bearer(claimed.phoneSecret))).status).toBe(400);
    expect((await post(backend, '/api/handoff/progress', { kind: 'STEP', step: 2, of: 3 }, bearer(claimed.phoneSecret))).status).toBe(200);
    expect(await statusOn(backend, minted.desktopSecret)).toEqual({ kind: 'STEP', step: 2, of: 3 });
    // The phone's secret, the link's secret or nothing: none of them reads the desktop's status.
    for (const headers of [bearer(claimed.phoneSecret), bearer(minted.secret), {}]) {
      expect((await post(backend, '/api/handoff/status', {}, headers)).status).toBe(401);
    }
    const events = await backend(new Request(`${ORIGIN}/api/handoff/events`, { headers: bearer(claimed.phoneSecret) }));
    expect(events.status).toBe(401);
  });

  it('expires unclaimed after ten minutes, and then refuses the claim', async () => {
    const time = clock();
    const backend = backendWith({ now: time.now, store: undefined });
    const minted = await mintOn(backend, await sessionOn(backend));
    time.advance(10 * 60 * 1000 + 1);
    expect(await statusOn(backend, minted.desktopSecret)).toEqual({ kind: 'EXPIRED' });
    const late = await post(backend, '/api/handoff/claim', { secret: minted.secret });
    expect(late.status).toBe(410);
    expect(((await late.json()) as { identifier: string }).identifier).toBe('HANDOFF_EXPIRED');
  });

  it('is revoked by "continue here instead": no claim after it, and the phone hears it at its next report', async () => {
    const backend = backendWith();
    const session = await sessionOn(backend);
    const unclaimed = await mintOn(backend, session);
    expect((await post(backend, '/api/handoff/revoke', {}, bearer(unclaimed.desktopSecret))).status).toBe(200);
    const refused = await post(backend, '/api/handoff/claim', { secret: unclaimed.secret });
    expect(((await refused.json()) as { identifier: string }).identifier).toBe('HANDOFF_REVOKED');

    const claimedOne = await mintOn(backend, session);
    const phone = (await (await post(backend, '/api/handoff/claim', { secret: claimedOne.secret })).json()) as HandoffClaimed;
    await post(backend, '/api/handoff/revoke', {}, bearer(claimedOne.desktopSecret));
    const report = await post(backend, '/api/handoff/progress', { kind: 'SENDING' }, bearer(phone.phoneSecret));
    expect(report.status).toBe(410);
    expect(await statusOn(backend, claimedOne.desktopSecret)).toEqual({ kind: 'REVOKED' });
  });

  it('rate-limits claims per link and per address', async () => {
    const backend = backendWith();
    const minted = await mintOn(backend, await sessionOn(backend));
    const perLink = [];
    for (let i = 0; i < 6; i++) perLink.push((await post(backend, '/api/handoff/claim', { secret: minted.secret }, {}, `192.0.2.${i}`)).status);
    expect(perLink).toEqual([200, 409, 409, 409, 409, 429]);

    const guesses = [];
    for (let i = 0; i < 31; i++) guesses.push((await post(backend, '/api/handoff/claim', { secret: `${'B'.repeat(40)}${i.toString().padStart(3, '0')}` }, {}, '198.51.100.200')).status);
    expect(guesses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(guesses[30]).toBe(429);
  });

  it('streams phone connected, step n of m, sending and sent with the scanRef once the submission was accepted', async () => {
    const backend = backendWith();
    const session = await sessionOn(backend);
    const minted = await mintOn(backend, session);
    const events = await backend(new Request(`${ORIGIN}/api/handoff/events`, { headers: bearer(minted.desktopSecret) }));
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(events, (status) => status.kind === 'SENT');

    const phone = (await (await post(backend, '/api/handoff/claim', { secret: minted.secret })).json()) as HandoffClaimed;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 60));
    await pause();
    await post(backend, '/api/handoff/progress', { kind: 'STEP', step: 1, of: 3 }, bearer(phone.phoneSecret));
    await pause();
    // The phone saying "sending" is not "sent": only the accepted submission is.
    await post(backend, '/api/handoff/progress', { kind: 'SENDING' }, bearer(phone.phoneSecret));
    await pause();
    expect(await statusOn(backend, minted.desktopSecret)).toEqual({ kind: 'SENDING' });
    expect((await post(backend, '/api/submit', submission(phone.session.authToken))).status).toBe(200);

    const { statuses, raw } = await reading;
    expect(statuses.map((status) => status.kind)).toEqual(['WAITING', 'CONNECTED', 'STEP', 'SENDING', 'SENT']);
    expect(statuses.at(-1)).toEqual({ kind: 'SENT', scanRef: session.scanRef });
    expect(raw).toContain(': heartbeat');
    expect(backend.stats().vendor['/api/v2/process']).toBe(1);
    // A finished session hands off no more.
    expect((await post(backend, '/api/handoff', { session, choices: {} })).status).toBe(409);
  });
});

describe('a handoff across two instances on one Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it('is minted on A, claimed on B, followed on A, and sent on B', async () => {
    const sandbox = createSandboxVendor();
    const processed: string[] = [];
    const fetch: FetchLike = (url, init) => {
      processed.push(new URL(url).pathname);
      return sandbox.handle(new Request(url, init));
    };
    const config = loadConfig({ MARKID_STORE_URL: redis.url });
    const make = async () => {
      const store = createRedisStore({ url: redis.url, keyPrefix: 'handoff-test:', commandTimeoutMs: 1_000 });
      for (let i = 0; i < 100 && !(await store.health()).ok; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return createMerchantBackend(config, { sandbox, fetch, store, handoffEvents: { pollMs: 20, heartbeatMs: 1_000 } });
    };
    const [a, b] = [await make(), await make()];
    try {
      const session = await sessionOn(a);
      const minted = await mintOn(a, session);
      const following = readEvents(await a(new Request(`${ORIGIN}/api/handoff/events`, { headers: bearer(minted.desktopSecret) })), (status) => status.kind === 'SENT');
      const claim = await post(b, '/api/handoff/claim', { secret: minted.secret });
      expect(claim.status).toBe(200);
      const phone = (await claim.json()) as HandoffClaimed;
      expect((await post(a, '/api/handoff/claim', { secret: minted.secret }, {}, '198.51.100.3')).status).toBe(409);
      expect((await post(b, '/api/submit', submission(phone.session.authToken))).status).toBe(200);
      const { statuses } = await following;
      expect(statuses.at(-1)).toEqual({ kind: 'SENT', scanRef: session.scanRef });
      expect(processed.filter((path) => path === '/api/v2/process')).toHaveLength(1);
    } finally {
      await Promise.all([a.store.close(), b.store.close()]);
    }
  });
});
