// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../server/config.ts';
import { CUSTOM_STEPS, JPEG, b64, deferred, idCardImages, jsonRequest, setup, submission, tinyJpeg, tinyPdf } from './serverFixtures.ts';

const CUSTOM_ENV = { MARKID_TOKEN_DEFAULTS: JSON.stringify({ additionalSteps: CUSTOM_STEPS }) };
const SECRET = 'merchant-server-secret-0123456789';

describe('POST /api/submit/status', () => {
  it('follows a submission from nothing, through the vendor call, to its remembered success', async () => {
    const gate = deferred();
    const kit = setup({}, { intercept: (call) => (call.path === '/api/v2/process' ? gate.promise.then(() => undefined) : undefined) });
    const status = async (authToken: string) => (await kit.backend(jsonRequest('http://shop.test/api/submit/status', { authToken }))).json();
    const { body: s } = await kit.session();
    expect(await status(s.authToken)).toEqual({ state: 'NOT_SUBMITTED' });
    const sent = kit.submit(submission(s.authToken));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await status(s.authToken)).toEqual({ state: 'IN_PROGRESS' });
    gate.release();
    expect((await sent).status).toBe(200);
    expect(await status(s.authToken)).toEqual({ state: 'SUCCEEDED', scanRef: s.scanRef });
    // Asking is free: the vendor saw one /process.
    expect(kit.count('/api/v2/process')).toBe(1);
  });

  it('tells the last failure, so a widget that lost the answer learns it without uploading again', async () => {
    const kit = setup();
    const { body: s } = await kit.session();
    await kit.submit(submission(s.authToken, { images: { ...idCardImages(), BACK: null } }));
    const response = await kit.backend(jsonRequest('http://shop.test/api/submit/status', { authToken: s.authToken }));
    expect(await response.json()).toEqual({
      state: 'FAILED',
      status: 400,
      error: expect.objectContaining({ identifier: 'MISSING_VALUE', message: "No image provided for step 'BACK'" }),
    });
  });

  it('answers only for tokens it minted, and never echoes the token', async () => {
    const kit = setup();
    const foreign = await kit.backend(jsonRequest('http://shop.test/api/submit/status', { authToken: 'made-up-token-000' }));
    expect(foreign.status).toBe(403);
    const text = await foreign.text();
    expect(text).not.toContain('made-up-token-000');
    expect((await kit.backend(jsonRequest('http://shop.test/api/submit/status', {}))).status).toBe(400);
    expect((await kit.backend(new Request('http://shop.test/api/submit/status'))).status).toBe(405);
  });
});

describe('a vendor call that ended without an answer', () => {
  it('counts a later TOKEN_USED as the earlier call having landed, so the verification is not lost', async () => {
    let calls = 0;
    const kit = setup(CUSTOM_ENV, {
      deps: { timeoutMs: 50 },
      intercept: async (call, init) => {
        if (call.path !== '/api/v2/process' || calls++ > 0) return undefined;
        // The vendor accepts the first /process but its answer never arrives in time.
        const { sandbox } = kit;
        await sandbox.handle(new Request('https://sandbox.markid.invalid/api/v2/process', { ...init, signal: null }));
        return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      },
    });
    const { body: s } = await kit.session();
    const body = submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: JPEG } });
    const first = await kit.submit(body);
    expect(first.status).toBe(504);
    const again = await kit.submit(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ scanRef: s.scanRef });
    expect(kit.count('/api/v2/process')).toBe(2);
    // The custom step still went out, once.
    expect(kit.count('/api/v2/upload-additional-step')).toBe(1);
  });

  it('still passes TOKEN_USED through when no earlier call of ours was in doubt', async () => {
    const kit = setup();
    const { body: s } = await kit.session();
    // Spent behind the backend's back.
    await kit.sandbox.handle(
      new Request('https://sandbox.markid.invalid/api/v2/process', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('sandbox-api-key:sandbox-api-secret').toString('base64')}` },
        body: JSON.stringify({ authToken: s.authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages() }),
      }),
    );
    const response = await kit.submit(submission(s.authToken));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ identifier: 'TOKEN_USED' });
  });
});

describe('re-upload of an additional step', () => {
  const env = { ...CUSTOM_ENV, MARKID_TOKEN_DEFAULTS: JSON.stringify({ additionalSteps: { ALL: { ALL: { ...CUSTOM_STEPS.ALL.ALL, UTILITY_BILL: { settings: { canUploadPDF: true } } } } } }), MARKID_REUPLOAD_SECRET: SECRET };

  async function submitted() {
    const kit = setup(env);
    const { body: s } = await kit.session();
    const done = await kit.submit(submission(s.authToken, { images: { ...idCardImages(), UTILITY_BILL: b64(tinyPdf()) }, additionalImages: { ADDITIONAL_PHOTO: JPEG } }));
    expect(done.status).toBe(200);
    const mint = (body: unknown, secret = SECRET) =>
      kit.backend(jsonRequest('http://shop.test/api/reupload/session', body, { headers: { authorization: `Bearer ${secret}` } }));
    const reupload = (body: unknown) => kit.backend(jsonRequest('http://shop.test/api/reupload', body));
    return { ...kit, s, mint, reupload };
  }

  it('mints a session for a scanRef it forwarded and forwards one image to /upload-additional-step, once', async () => {
    const kit = await submitted();
    const minted = await kit.mint({ scanRef: kit.s.scanRef, step: 'UTILITY_BILL', additionalData: { address: 'Gedimino pr. 1' } });
    expect(minted.status).toBe(201);
    const session = await minted.json();
    expect(session).toMatchObject({ scanRef: kit.s.scanRef, step: 'UTILITY_BILL', settings: { canUploadPDF: true }, expiryTime: 3600 });
    expect(session.reuploadToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const image = b64(tinyJpeg(2000, 1400));
    const first = await kit.reupload({ reuploadToken: session.reuploadToken, image });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ scanRef: kit.s.scanRef });
    const last = kit.calls.at(-1);
    expect(last).toEqual({ path: '/api/v2/upload-additional-step', body: { scanRef: kit.s.scanRef, step: 'UTILITY_BILL', image, additionalData: { address: 'Gedimino pr. 1' } } });
    expect(kit.sandbox.lastSubmission()?.images.UTILITY_BILL).toMatchObject({ type: 'jpeg', width: 2000 });

    const again = await kit.reupload({ reuploadToken: session.reuploadToken, image });
    expect(again.status).toBe(200);
    expect(kit.count('/api/v2/upload-additional-step')).toBe(2); // one from the submit, one re-upload
    const status = await kit.backend(jsonRequest('http://shop.test/api/reupload/status', { reuploadToken: session.reuploadToken }));
    expect(await status.json()).toEqual({ state: 'SUCCEEDED', scanRef: kit.s.scanRef });
  });

  it('refuses a browser: no secret, a wrong one, an unknown scanRef, a step the verification lacks', async () => {
    const kit = await submitted();
    const before = kit.calls.length;
    const anonymous = await kit.backend(jsonRequest('http://shop.test/api/reupload/session', { scanRef: kit.s.scanRef, step: 'UTILITY_BILL' }));
    expect(anonymous.status).toBe(401);
    expect((await kit.mint({ scanRef: kit.s.scanRef, step: 'UTILITY_BILL' }, `${SECRET}x`)).status).toBe(401);
    const unknown = await kit.mint({ scanRef: '3f2d0e6a-0a37-11ec-a45b-025ad99a18e7', step: 'UTILITY_BILL' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ identifier: 'SCAN_NOT_FOUND' });
    expect((await kit.mint({ scanRef: kit.s.scanRef, step: 'SIGNATURE' })).status).toBe(400);
    const forged = await kit.reupload({ reuploadToken: 'guessed-token', image: JPEG });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ identifier: 'REUPLOAD_NOT_FOUND' });
    expect(kit.calls.length).toBe(before);
  });

  it('does not exist without a configured secret', async () => {
    const kit = setup(CUSTOM_ENV);
    expect((await kit.backend(jsonRequest('http://shop.test/api/reupload/session', {}, { headers: { authorization: 'Bearer x' } }))).status).toBe(404);
  });

  it('refuses a short secret at startup', () => {
    expect(() => loadConfig({ MARKID_REUPLOAD_SECRET: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ MARKID_REUPLOAD_SECRET: SECRET }).reuploadSecret).toBe(SECRET);
  });
});

describe('counters and request references', () => {
  it('counts requests per route and vendor calls per path, and logs the widget reference', async () => {
    const lines: string[] = [];
    const kit = setup({}, { deps: { log: (line) => lines.push(line) } });
    const { body: s } = await kit.session();
    await kit.backend(jsonRequest('http://shop.test/api/submit', submission(s.authToken), { headers: { 'x-request-id': 'MK-7F3K-9Q2D' } }));
    await kit.backend(jsonRequest('http://shop.test/api/submit', submission(s.authToken), { headers: { 'x-request-id': 'bad id <script>' } }));
    await kit.backend(new Request('http://shop.test/api/made-up'));
    expect(kit.backend.stats()).toEqual({
      backend: { 'POST /api/session': 1, 'POST /api/submit': 2, other: 1 },
      vendor: { '/api/v2/token': 1, '/api/v2/process': 1 },
    });
    expect(lines[1]).toMatch(/^POST \/api\/submit 200 \d+ms ref=MK-7F3K-9Q2D$/);
    expect(lines[2]).toMatch(/^POST \/api\/submit 200 \d+ms$/);
    const stats = await kit.backend(new Request('http://shop.test/api/sandbox/stats'));
    expect((await stats.json()).backend['POST /api/submit']).toBe(2);
  });
});
