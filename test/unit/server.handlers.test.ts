// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { SUBMIT_JSON_SLACK_BYTES, createMerchantBackend, submitBodyCap } from '../../server/handlers.ts';
import { JSON_OVERHEAD_BYTES } from '../../src/core/budget.ts';
import { createSandboxVendor } from '../../server/sandbox.ts';
import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../../src/core/limits.ts';
import { SESSION_FIELDS } from '../../src/core/token.ts';
import { CUSTOM_STEPS, JPEG, b64, countingStream, deferred, idCardImages, jsonRequest, setup, submission, tinyJpeg, vendorRequest } from './serverFixtures.ts';

const CUSTOM_ENV = { MARKID_TOKEN_DEFAULTS: JSON.stringify({ additionalSteps: CUSTOM_STEPS }) };

describe('POST /api/session', () => {
  it('mints a token with MARKID_TOKEN_DEFAULTS merged and answers exactly the session fields', async () => {
    const { session, calls } = setup({ MARKID_TOKEN_DEFAULTS: '{"utilityBill":true,"showInstructions":false}' });
    const { response, body } = await session();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(body).sort()).toEqual([...SESSION_FIELDS].sort());
    expect(body).toMatchObject({ utilityBill: true, showInstructions: false, expiryTime: 3600, sessionLength: 600 });
    expect(Object.keys((body.additionalSteps as any).ALL.ALL)).toEqual(['UTILITY_BILL']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/v2/token');
    expect(calls[0]?.body).toMatchObject({ utilityBill: true, showInstructions: false, clientId: expect.any(String) });
  });

  it('passes custom additionalSteps through to the token', async () => {
    const { session } = setup(CUSTOM_ENV);
    expect((await session()).body.additionalSteps).toEqual(CUSTOM_STEPS);
  });

  it('gives each session a fresh clientId unless MARKID_CLIENT_ID fixes one', async () => {
    const random = setup();
    await random.session();
    await random.session();
    expect(random.calls[0]?.body.clientId).not.toBe(random.calls[1]?.body.clientId);
    const fixed = setup({ MARKID_CLIENT_ID: 'merchant-42' });
    await fixed.session();
    expect(fixed.calls[0]?.body.clientId).toBe('merchant-42');
  });

  it('sets a supported locale, maps regional tags, and ignores unknown ones', async () => {
    const { session, calls } = setup();
    expect((await session({ locale: 'lt-LT' })).body.locale).toBe('lt');
    expect((await session({ locale: 'jp' })).body.locale).toBe('ja');
    const unknown = await session({ locale: 'tlh' });
    expect(unknown.response.status).toBe(200);
    expect(unknown.body.locale).toBeNull();
    expect(calls[2]?.body).not.toHaveProperty('locale');
  });

  it('takes an empty body without a content type, but refuses other types', async () => {
    const { backend } = setup();
    expect((await backend(new Request('http://shop.test/api/session', { method: 'POST' }))).status).toBe(200);
    const text = await backend(new Request('http://shop.test/api/session', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }));
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ identifier: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await backend(new Request('http://shop.test/api/session', { method: 'POST', body: '{}' }))).status).toBe(415);
  });

  it('reports a vendor that refuses the token as the backend configuration, not the user', async () => {
    const config = loadConfig({ MARKID_API_KEY: 'key', MARKID_API_SECRET: 'stale' });
    const sandbox = createSandboxVendor({ apiKey: 'key', apiSecret: 'current' });
    const backend = createMerchantBackend(config, { fetch: (url, init) => sandbox.handle(new Request(url, init)) });
    const response = await backend(jsonRequest('http://shop.test/api/session', {}));
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.identifier).toBe('SESSION_NOT_CREATED');
    expect(body.message).toContain('401 UNAUTHORIZED');
    expect(JSON.stringify(body)).not.toContain('stale');
  });
});

describe('POST /api/submit', () => {
  it('forwards to /process, then each custom step to /upload-additional-step with the scanRef', async () => {
    const { session, submit, calls, sandbox } = setup(CUSTOM_ENV);
    const { body: s } = await session();
    const selfie = b64(tinyJpeg(900, 1200));
    const response = await submit(submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: selfie } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ scanRef: s.scanRef });
    expect(calls.map((call) => call.path)).toEqual(['/api/v2/token', '/api/v2/process', '/api/v2/upload-additional-step']);
    expect(calls[1]?.body).toEqual({ authToken: s.authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages() });
    expect(calls[2]?.body).toEqual({ scanRef: s.scanRef, step: 'ADDITIONAL_PHOTO', image: selfie });
    const last = sandbox.lastSubmission();
    expect(last?.scanRef).toBe(s.scanRef);
    expect(last?.pendingSteps).toEqual([]);
    expect(last?.images.ADDITIONAL_PHOTO).toMatchObject({ type: 'jpeg', width: 900, height: 1200 });
  });

  it('answers a repeated submit with the remembered result, calling the vendor once', async () => {
    const { session, submit, count } = setup(CUSTOM_ENV);
    const { body: s } = await session();
    const body = submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: JPEG } });
    const first = await submit(body);
    const again = await submit(body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect(count('/api/v2/process')).toBe(1);
    expect(count('/api/v2/upload-additional-step')).toBe(1);
  });

  it('lets concurrent duplicates share one vendor call', async () => {
    const gate = deferred();
    const { session, submit, count } = setup({}, { intercept: (call) => (call.path === '/api/v2/process' ? gate.promise.then(() => undefined) : undefined) });
    const { body: s } = await session();
    const both = Promise.all([submit(submission(s.authToken)), submit(submission(s.authToken))]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count('/api/v2/process')).toBe(1);
    gate.release();
    const [a, b] = await both;
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect(count('/api/v2/process')).toBe(1);
  });

  it("passes the vendor's error through with its status, and lets a corrected submit retry", async () => {
    const { session, submit, count } = setup();
    const { body: s } = await session();
    const refused = await submit(submission(s.authToken, { images: { ...idCardImages(), BACK: null } }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: "No image provided for step 'BACK'", identifier: 'MISSING_VALUE', severity: 'NOT_SEVERE' });
    expect((await submit(submission(s.authToken))).status).toBe(200);
    expect(count('/api/v2/process')).toBe(2);
  });

  it('resumes after a failed additional-step upload without processing twice', async () => {
    let failUploads = 1;
    const { session, submit, count } = setup(CUSTOM_ENV, {
      intercept: (call) =>
        call.path === '/api/v2/upload-additional-step' && failUploads-- > 0
          ? Promise.resolve(Response.json({ message: 'Try later', identifier: 'SERVICE_UNAVAILABLE' }, { status: 503 }))
          : undefined,
    });
    const { body: s } = await session();
    const body = submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: JPEG } });
    const failed = await submit(body);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ message: 'Try later', identifier: 'SERVICE_UNAVAILABLE' });
    expect((await submit(body)).status).toBe(200);
    expect(count('/api/v2/process')).toBe(1);
    expect(count('/api/v2/upload-additional-step')).toBe(2);
  });

  it('refuses a token it did not mint without calling the vendor', async () => {
    const { submit, calls, sandbox } = setup();
    // A genuine vendor token, but obtained behind this backend's back.
    const token = await (await sandbox.handle(vendorRequest('/api/v2/token', { clientId: 'x' }))).json();
    for (const authToken of [token.authToken, 'made-up']) {
      const response = await submit(submission(authToken));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: expect.stringContaining('not issued by this backend'), identifier: 'TOKEN_NOT_MINTED' });
    }
    const missing = await submit({ country: 'LT' });
    expect(missing.status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('says TOKEN_EXPIRED for a minted token past its lifetime', async () => {
    let now = 5_000_000;
    const { session, submit, calls } = setup({}, { deps: { now: () => now } });
    const { body: s } = await session();
    now += (3600 + 600 + 1) * 1000;
    const response = await submit(submission(s.authToken));
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ identifier: 'TOKEN_EXPIRED' });
    expect(calls.map((call) => call.path)).toEqual(['/api/v2/token']);
  });

  it('checks custom steps before spending the token', async () => {
    const { session, submit, count } = setup(CUSTOM_ENV);
    const { body: s } = await session();
    const missing = await submit(submission(s.authToken));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ message: "No image provided for step 'ADDITIONAL_PHOTO'", identifier: 'MISSING_VALUE' });
    const unknown = await submit(submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: JPEG, SIGNATURE: JPEG } }));
    expect(unknown.status).toBe(400);
    const misplaced = await submit(submission(s.authToken, { images: { ...idCardImages(), ADDITIONAL_PHOTO: JPEG } }));
    expect(misplaced.status).toBe(400);
    const huge = await submit(submission(s.authToken, { additionalImages: { ADDITIONAL_PHOTO: 'A'.repeat(MAX_IMAGE_BASE64_CHARS + 4) } }));
    expect(await huge.json()).toMatchObject({ identifier: 'IMAGE_TOO_LARGE' });
    expect(count('/api/v2/process')).toBe(0);
  });

  it('refuses a non-JSON body with 415 without reading it', async () => {
    const { backend, calls } = setup();
    const { stream, state } = countingStream();
    const response = await backend(
      new Request('http://shop.test/api/submit', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ identifier: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024);
    expect(state.cancelled).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    const { backend, config } = setup();
    const { stream, state } = countingStream();
    const response = await backend(
      new Request('http://shop.test/api/submit', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(submitBodyCap(config) + 1) },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ identifier: 'REQUEST_TOO_LARGE' });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024); // at most what the stream pre-filled
  });

  it('stops reading an undeclared body at the cap', async () => {
    const { backend, config } = setup();
    const { stream, state } = countingStream();
    const response = await backend(
      new Request('http://shop.test/api/submit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeGreaterThan(submitBodyCap(config));
    expect(state.pulled).toBeLessThanOrEqual(submitBodyCap(config) + 3 * 1024 * 1024);
  });

  it('sizes the cap from the configured custom steps', () => {
    expect(SUBMIT_JSON_SLACK_BYTES).toBe(JSON_OVERHEAD_BYTES);
    expect(submitBodyCap(loadConfig({}))).toBe(MAX_PROCESS_REQUEST_BYTES + 64 * 1024);
    expect(submitBodyCap(loadConfig(CUSTOM_ENV))).toBe(MAX_PROCESS_REQUEST_BYTES + MAX_IMAGE_BASE64_CHARS + 64 * 1024);
  });
});

describe('when the vendor fails', () => {
  const vendorEnv = { MARKID_API_KEY: 'key', MARKID_API_SECRET: 'secret' };

  async function withProcess(answer: (init: RequestInit) => Promise<Response>, timeoutMs?: number) {
    const kit = setup(vendorEnv, {
      intercept: (call, init) => (call.path === '/api/v2/process' ? answer(init) : undefined),
      ...(timeoutMs ? { deps: { timeoutMs } } : {}),
    });
    const { body: s } = await kit.session();
    const response = await kit.submit(submission(s.authToken));
    return { status: response.status, body: await response.json() };
  }

  it('answers 502 VENDOR_UNREACHABLE when the vendor cannot be reached', async () => {
    const result = await withProcess(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })));
    expect(result.status).toBe(502);
    expect(result.body).toEqual({ message: expect.stringContaining('ECONNREFUSED'), identifier: 'VENDOR_UNREACHABLE' });
  });

  it('answers 502 VENDOR_BAD_RESPONSE for a non-JSON answer', async () => {
    const result = await withProcess(async () => new Response('<html>Bad gateway</html>', { status: 503, headers: { 'content-type': 'text/html' } }));
    expect(result.status).toBe(502);
    expect(result.body.identifier).toBe('VENDOR_BAD_RESPONSE');
  });

  it('answers 504 VENDOR_TIMEOUT when the vendor does not answer in time', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const result = await withProcess(hang, 50);
    expect(result.status).toBe(504);
    expect(result.body.identifier).toBe('VENDOR_TIMEOUT');
  });

  it('passes a vendor outage through when minting a session', async () => {
    const kit = setup(vendorEnv, { intercept: () => Promise.reject(new TypeError('fetch failed')) });
    const { response, body } = await kit.session();
    expect(response.status).toBe(502);
    expect(body.identifier).toBe('VENDOR_UNREACHABLE');
  });

  it('hides the sandbox routes when talking to a real vendor', async () => {
    const { backend } = setup(vendorEnv);
    expect((await backend(new Request('http://shop.test/api/sandbox/last-submission'))).status).toBe(404);
  });
});

describe('routing, the sandbox page endpoints and logging', () => {
  it('answers 404 JSON for unknown /api paths and 405 for a wrong method', async () => {
    const { backend } = setup();
    const unknown = await backend(new Request('http://shop.test/api/nope'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ identifier: 'NOT_FOUND' });
    const get = await backend(new Request('http://shop.test/api/submit'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await backend(jsonRequest('http://shop.test/api/sandbox/last-submission', {}))).status).toBe(405);
  });

  it('shows the last sandbox submission without the token, with image links', async () => {
    const { backend, session, submit } = setup();
    expect((await backend(new Request('http://shop.test/api/sandbox/last-submission'))).status).toBe(404);
    const { body: s } = await session();
    await submit(submission(s.authToken));
    const response = await backend(new Request('http://shop.test/api/sandbox/last-submission'));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(s.authToken);
    const last = JSON.parse(text);
    expect(last).toMatchObject({ scanRef: s.scanRef, country: 'LT', documentType: 'ID_CARD' });
    expect(last.images.FRONT).toEqual({ bytes: tinyJpeg().byteLength, type: 'jpeg', width: 1200, height: 800, url: '/api/sandbox/last-submission/images/FRONT' });
    const image = await backend(new Request(`http://shop.test${last.images.FRONT.url}`));
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyJpeg(1200, 800));
    expect((await backend(new Request('http://shop.test/api/sandbox/last-submission/images/BACKX'))).status).toBe(404);
  });

  it('logs method, path, status and duration only', async () => {
    const lines: string[] = [];
    const { session, submit } = setup({}, { deps: { log: (line) => lines.push(line) } });
    const { body: s } = await session();
    await submit(submission(s.authToken));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^POST \/api\/session 200 \d+ms$/);
    expect(lines[1]).toMatch(/^POST \/api\/submit 200 \d+ms$/);
  });
});
