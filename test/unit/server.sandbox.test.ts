// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkBase64 } from '../../server/base64.ts';
import { ERROR_IDENTIFIERS } from '../../server/errors.ts';
import { readJpegSize, readPngSize, sniffImageKind } from '../../server/imageSniff.ts';
import { createSandboxVendor } from '../../server/sandbox.ts';
import type { SandboxOptions } from '../../server/sandbox.ts';
import { COUNTRY_CODES, isCountryCode } from '../../src/core/countries.ts';
import { MAX_IMAGE_BASE64_CHARS } from '../../src/core/limits.ts';
import { CUSTOM_STEPS, JPEG, b64, idCardImages, jsonRequest, tinyJpeg, tinyPdf, tinyPng, vendorRequest } from './serverFixtures.ts';

function vendor(options: SandboxOptions = {}) {
  const sandbox = createSandboxVendor(options);
  const call = async (path: string, body: unknown, headers?: Record<string, string>) => {
    const response = await sandbox.handle(vendorRequest(path, body, headers));
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  };
  const token = async (body: Record<string, unknown> = {}) => (await call('/api/v2/token', { clientId: 'c1', ...body })).body;
  const process = (body: Record<string, unknown>) => call('/api/v2/process', body);
  return { sandbox, call, token, process };
}

const expectError = (result: { status: number; body: Record<string, any> }, status: number, identifier: string) => {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ identifier, severity: expect.any(String), documentation: expect.any(String), message: expect.any(String) });
};

describe('sandbox /api/v2/token', () => {
  it('answers 201 with every field of the vendor token response', async () => {
    const { call } = vendor();
    const { status, body } = await call('/api/v2/token', { clientId: '2' });
    expect(status).toBe(201);
    expect(Object.keys(body)).toEqual([
      'message', 'authToken', 'scanRef', 'clientId', 'personScanRef', 'firstName', 'lastName', 'successUrl', 'errorUrl',
      'unverifiedUrl', 'callbackUrl', 'locale', 'country', 'expiryTime', 'sessionLength', 'documents', 'dateOfBirth',
      'dateOfExpiry', 'dateOfIssue', 'nationality', 'personalNumber', 'documentNumber', 'sex', 'address',
      'showInstructions', 'tokenType', 'videoCallQuestions', 'utilityBill', 'additionalSteps', 'externalRef', 'digitString',
    ]);
    expect(body).toMatchObject({
      message: 'Token created successfully',
      clientId: '2',
      personScanRef: '2',
      expiryTime: 3600,
      sessionLength: 600,
      documents: ['ID_CARD', 'PASSPORT', 'DRIVER_LICENSE', 'RESIDENCE_PERMIT'],
      showInstructions: true,
      tokenType: 'IDENTIFICATION',
      videoCallQuestions: [],
      utilityBill: null,
      additionalSteps: null,
    });
    expect(body.authToken).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(body.scanRef).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns utilityBill: true into the default UTILITY_BILL step of the spec example', async () => {
    const body = await vendor().token({ utilityBill: true });
    expect(body.utilityBill).toBe(true);
    const step = body.additionalSteps.ALL.ALL.UTILITY_BILL;
    expect(Object.keys(body.additionalSteps)).toEqual(['ALL']);
    expect(Object.keys(body.additionalSteps.ALL.ALL)).toEqual(['UTILITY_BILL']);
    expect(Object.keys(step.texts)).toEqual(['lt', 'en', 'pl', 'ru', 'lv', 'ro', 'it', 'fr', 'es', 'de', 'hu', 'jp']);
    expect(step.texts.en).toEqual({ name: 'Proof of address document capturing', description: 'Please upload the proof of address document photo.' });
    expect(step.texts.jp).toEqual({ name: '「住所文書の証明を取り込む」', description: '「住所文書写真の証明をアップロードしてください」' });
    expect(step.settings).toEqual({ canUpload: true, canCapture: false, canUploadPDF: true });
  });

  it('refuses utilityBill together with additionalSteps', async () => {
    const result = await vendor().call('/api/v2/token', { clientId: '2', utilityBill: true, additionalSteps: CUSTOM_STEPS });
    expectError(result, 400, 'INVALID_VALUE');
    expect(result.body.message).toMatch(/utilityBill.*additionalSteps/);
  });

  it('echoes additionalSteps and additionalData as given', async () => {
    const body = await vendor().token({ additionalSteps: CUSTOM_STEPS, additionalData: { UTILITY_BILL: { ssn: '1' } }, locale: 'en' });
    expect(body.additionalSteps).toEqual(CUSTOM_STEPS);
    expect(body.additionalData).toEqual({ UTILITY_BILL: { ssn: '1' } });
    expect(body.utilityBill).toBeNull();
    expect(body.locale).toBe('en');
  });

  it('validates the token request', async () => {
    const { call } = vendor();
    expectError(await call('/api/v2/token', {}), 400, 'MISSING_VALUE');
    expectError(await call('/api/v2/token', { clientId: 'c', country: 'XX' }), 400, 'INVALID_VALUE');
    expectError(await call('/api/v2/token', { clientId: 'c', documents: ['VISA'] }), 400, 'INVALID_VALUE');
    expectError(await call('/api/v2/token', { clientId: 'c', locale: 'tlh' }), 400, 'INVALID_VALUE');
    const badSetting = { ALL: { ALL: { X_STEP: { settings: { canUpload: 'yes' } } } } };
    expectError(await call('/api/v2/token', { clientId: 'c', additionalSteps: badSetting }), 400, 'INVALID_VALUE');
  });
});

describe('sandbox request checks', () => {
  it('wants basic auth with its own key and secret', async () => {
    const { sandbox } = vendor();
    const bad = await sandbox.handle(vendorRequest('/api/v2/token', { clientId: 'c' }, { authorization: `Basic ${btoa('sandbox-api-key:wrong')}` }));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ identifier: 'UNAUTHORIZED', severity: 'SEVERE' });
    const none = await sandbox.handle(jsonRequest('https://sandbox.markid.invalid/api/v2/token', { clientId: 'c' }));
    expect(none.status).toBe(401);
  });

  it('wants JSON', async () => {
    const { sandbox } = vendor();
    const text = await sandbox.handle(vendorRequest('/api/v2/token', {}, { 'content-type': 'text/plain' }));
    expect(text.status).toBe(415);
    const broken = vendorRequest('/api/v2/token', {});
    const malformed = await sandbox.handle(new Request(broken, { body: '{"clientId":' }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ identifier: 'MALFORMED_JSON' });
  });

  it('refuses a request over 20,000,000 bytes with 413 before parsing it', async () => {
    const { process, token } = vendor();
    const { authToken } = await token();
    const big = 'A'.repeat(5_100_000);
    const result = await process({ authToken, country: 'LT', documentType: 'ID_CARD', images: { FRONT: big, BACK: big, FACE: big, UTILITY_BILL: big } });
    expectError(result, 413, 'REQUEST_TOO_LARGE');
  });

  it('answers 404 and 405 in the vendor shape', async () => {
    const { sandbox } = vendor();
    expect((await sandbox.handle(vendorRequest('/api/v2/nope', {}))).status).toBe(404);
    const get = await sandbox.handle(new Request('https://sandbox.markid.invalid/api/v2/process'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('sandbox /api/v2/process', () => {
  async function ready(tokenBody: Record<string, unknown> = {}, options: SandboxOptions = {}) {
    const v = vendor(options);
    const token = await v.token(tokenBody);
    const send = (body: Record<string, unknown>) =>
      v.process({ authToken: token.authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages(), ...body });
    return { ...v, token: token as { authToken: string; scanRef: string }, send };
  }

  it('accepts a valid ID card with a bare 200 and spends the token', async () => {
    const { send } = await ready();
    expect(await send({})).toEqual({ status: 200, body: null });
    expectError(await send({}), 409, 'TOKEN_USED');
  });

  it('knows only its own tokens, and lets them expire', async () => {
    let now = 1_000_000;
    const { process, send } = await ready({ expiryTime: 60 }, { now: () => now });
    expectError(await process({ authToken: 'nope', country: 'LT', documentType: 'ID_CARD', images: idCardImages() }), 404, 'TOKEN_NOT_FOUND');
    expectError(await process({ country: 'LT' }), 400, 'MISSING_VALUE');
    now += 61_000;
    expectError(await send({}), 410, 'TOKEN_EXPIRED');
  });

  it('wants an ISO 3166-1 alpha-2 country', async () => {
    const { send } = await ready();
    for (const country of ['XX', 'EU', 'lt', 'LTU']) expectError(await send({ country }), 400, 'INVALID_VALUE');
    expectError(await send({ country: undefined }), 400, 'MISSING_VALUE');
  });

  it("wants a document type from the spec's list", async () => {
    const { send } = await ready();
    const result = await send({ documentType: 'VISA' });
    expectError(result, 400, 'INVALID_VALUE');
    expect(result.body.message).toContain('ID_CARD');
  });

  it("refuses a data: URL, reporting the step", async () => {
    const { send } = await ready();
    const result = await send({ images: { ...idCardImages(), FRONT: `data:image/jpeg;base64,${JPEG}` } });
    expectError(result, 400, 'INVALID_VALUE');
    expect(result.body.message).toBe("Image for step 'FRONT' must be plain base64 without a 'data:' prefix");
  });

  it('refuses invalid base64', async () => {
    const { send } = await ready();
    for (const FACE of [`${JPEG.slice(0, -4)}!!!!`, JPEG.replace(/=+$/, '').slice(0, -1), `${JPEG.slice(0, 8)}\n${JPEG.slice(8)}`]) {
      const result = await send({ images: { ...idCardImages(), FACE } });
      expectError(result, 400, 'INVALID_VALUE');
      expect(result.body.message).toBe("Image for step 'FACE' is not valid base64");
    }
  });

  it('refuses an image over 6,000,000 characters and accepts one at the limit', async () => {
    const { send } = await ready();
    const padded = (chars: number) => {
      // A real JPEG header followed by filler bytes: still sniffs as JPEG, exact base64 length.
      const bytes = new Uint8Array((chars / 4) * 3);
      bytes.set(tinyJpeg(10, 10));
      return b64(bytes);
    };
    const over = await send({ images: { ...idCardImages(), BACK: padded(MAX_IMAGE_BASE64_CHARS + 4) } });
    expectError(over, 400, 'IMAGE_TOO_LARGE');
    expect(over.body.message).toContain("'BACK'");
    expect((await send({ images: { ...idCardImages(), BACK: padded(MAX_IMAGE_BASE64_CHARS) } })).status).toBe(200);
  });

  it('refuses bytes that are not JPEG, PNG or PDF, and PDF for identity photos', async () => {
    const { send } = await ready();
    const gif = b64(new TextEncoder().encode('GIF89a.........'));
    expectError(await send({ images: { ...idCardImages(), FRONT: gif } }), 400, 'INVALID_IMAGE');
    expectError(await send({ images: { ...idCardImages(), FRONT: b64(tinyPdf()) } }), 400, 'INVALID_IMAGE');
    expect((await send({ images: { ...idCardImages(), FRONT: b64(tinyPng()) } })).status).toBe(200);
  });

  it("wants BACK for an ID card: MISSING_VALUE, No image provided for step 'BACK'", async () => {
    const { send } = await ready();
    const result = await send({ images: { ...idCardImages(), BACK: null } });
    expect(result).toEqual({
      status: 400,
      body: {
        message: "No image provided for step 'BACK'",
        identifier: 'MISSING_VALUE',
        severity: 'NOT_SEVERE',
        documentation: 'https://github.com/markid/Documentation',
      },
    });
  });

  it('wants FRONT and FACE always, but no BACK for a passport', async () => {
    const { send } = await ready();
    const { BACK: _back, ...noBack } = idCardImages();
    expect((await send({ images: { ...idCardImages(), FACE: null } })).body.message).toBe("No image provided for step 'FACE'");
    expect((await send({ images: { ...idCardImages(), FRONT: '' } })).body.message).toBe("No image provided for step 'FRONT'");
    expect((await send({ documentType: 'PASSPORT', images: noBack })).status).toBe(200);
  });

  it('wants UTILITY_BILL when the token has it, and takes it as PDF', async () => {
    const { send } = await ready({ utilityBill: true });
    expect((await send({})).body.message).toBe("No image provided for step 'UTILITY_BILL'");
    expect((await send({ images: { ...idCardImages(), UTILITY_BILL: b64(tinyPdf()) } })).status).toBe(200);
  });

  it('keeps custom steps out of images and document types the token does not offer', async () => {
    const { send } = await ready({ documents: ['PASSPORT'], country: 'LV' });
    expectError(await send({ country: 'LV', documentType: 'PASSPORT', images: { ...idCardImages(), ADDITIONAL_PHOTO: JPEG } }), 400, 'INVALID_VALUE');
    expectError(await send({ country: 'LV' }), 400, 'INVALID_VALUE');
    expectError(await send({ documentType: 'PASSPORT' }), 400, 'INVALID_VALUE');
  });
});

describe('sandbox /api/v2/upload-additional-step and recorded submissions', () => {
  it('takes a custom step for a processed scanRef whose token had additionalSteps', async () => {
    const v = vendor();
    const token = await v.token({ additionalSteps: CUSTOM_STEPS });
    const upload = (body: Record<string, unknown>) => v.call('/api/v2/upload-additional-step', { scanRef: token.scanRef, step: 'ADDITIONAL_PHOTO', image: JPEG, ...body });
    expectError(await upload({}), 404, 'SCAN_NOT_FOUND'); // not processed yet
    expect((await v.process({ authToken: token.authToken, country: 'LT', documentType: 'ID_CARD', images: idCardImages() })).status).toBe(200);
    expect(v.sandbox.lastSubmission()?.pendingSteps).toEqual(['ADDITIONAL_PHOTO']);
    expectError(await upload({ step: 'OTHER_STEP' }), 400, 'INVALID_VALUE');
    expectError(await upload({ image: null }), 400, 'MISSING_VALUE');
    expectError(await upload({ image: b64(tinyPdf()) }), 400, 'INVALID_IMAGE'); // canUploadPDF: false
    expectError(await upload({ scanRef: 'nope' }), 404, 'SCAN_NOT_FOUND');
    expect(await upload({ image: b64(tinyJpeg(300, 200)) })).toEqual({ status: 200, body: null });
    const last = v.sandbox.lastSubmission();
    expect(last?.pendingSteps).toEqual([]);
    expect(last?.images.ADDITIONAL_PHOTO).toEqual({ bytes: tinyJpeg().byteLength, type: 'jpeg', width: 300, height: 200 });
  });

  it('refuses upload-additional-step when the token had no custom additionalSteps', async () => {
    const v = vendor();
    const token = await v.token({ utilityBill: true });
    await v.process({ authToken: token.authToken, country: 'LT', documentType: 'ID_CARD', images: { ...idCardImages(), UTILITY_BILL: JPEG } });
    const result = await v.call('/api/v2/upload-additional-step', { scanRef: token.scanRef, step: 'UTILITY_BILL', image: JPEG });
    expectError(result, 400, 'ADDITIONAL_STEPS_NOT_ENABLED');
  });

  it('records what it received: sizes, types and JPEG pixel sizes, never the token', async () => {
    const v = vendor();
    const token = await v.token();
    const images = { FRONT: b64(tinyJpeg(1600, 1000)), BACK: b64(tinyPng(40, 30)), FACE: b64(tinyJpeg(720, 960)), UTILITY_BILL: null };
    await v.process({ authToken: token.authToken, country: 'EE', documentType: 'RESIDENCE_PERMIT', images });
    const last = v.sandbox.lastSubmission();
    expect(last).toMatchObject({
      scanRef: token.scanRef,
      country: 'EE',
      documentType: 'RESIDENCE_PERMIT',
      images: {
        FRONT: { bytes: tinyJpeg().byteLength, type: 'jpeg', width: 1600, height: 1000 },
        BACK: { bytes: tinyPng().byteLength, type: 'png', width: 40, height: 30 },
        FACE: { type: 'jpeg', width: 720, height: 960 },
      },
      pendingSteps: [],
    });
    expect(Object.keys(last?.images ?? {})).toEqual(['FRONT', 'BACK', 'FACE']);
    expect(JSON.stringify(v.sandbox.submissions())).not.toContain(token.authToken);
    expect(v.sandbox.lastSubmissionImage('FRONT')?.bytes).toEqual(tinyJpeg(1600, 1000));
  });

  it('keeps the last 20 summaries and the image bytes of the last submission only', async () => {
    const v = vendor();
    const scanRefs: string[] = [];
    for (let i = 0; i < 25; i++) {
      const token = await v.token();
      scanRefs.push(token.scanRef);
      await v.process({ authToken: token.authToken, country: 'LT', documentType: 'ID_CARD', images: { ...idCardImages(), FRONT: b64(tinyJpeg(100 + i, 100)) } });
    }
    const kept = v.sandbox.submissions();
    expect(kept).toHaveLength(20);
    expect(kept.map((s) => s.scanRef)).toEqual(scanRefs.slice(5));
    expect(v.sandbox.lastSubmissionImage('FRONT')?.bytes).toEqual(tinyJpeg(124, 100));
    // Summaries handed out are copies.
    kept[0]!.country = 'ZZ';
    expect(v.sandbox.submissions()[0]?.country).toBe('LT');
  });
});

describe('image sniffing', () => {
  it('finds the frame size by walking segments, past an EXIF thumbnail with its own SOF', () => {
    const thumbnail = tinyJpeg(160, 120);
    const app1 = [0xff, 0xe1, ((thumbnail.length + 2) >> 8) & 0xff, (thumbnail.length + 2) & 0xff, ...thumbnail];
    expect(readJpegSize(tinyJpeg(4032, 3024, app1))).toEqual({ width: 4032, height: 3024 });
    expect(readJpegSize(tinyJpeg(1, 65535))).toEqual({ width: 1, height: 65535 });
  });

  it('copes with fill bytes, SOF2 and truncation', () => {
    const progressive = tinyJpeg(800, 600);
    progressive[21] = 0xc2;
    expect(readJpegSize(progressive)).toEqual({ width: 800, height: 600 });
    const withFill = new Uint8Array([0xff, 0xd8, 0xff, 0xff, ...tinyJpeg(7, 9).slice(3)]);
    expect(readJpegSize(withFill)).toEqual({ width: 7, height: 9 });
    expect(readJpegSize(tinyJpeg().slice(0, 25))).toBeNull();
    expect(readJpegSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeNull();
    expect(readJpegSize(tinyPng())).toBeNull();
  });

  it('tells JPEG, PNG and PDF from their magic bytes', () => {
    expect(sniffImageKind(tinyJpeg())).toBe('jpeg');
    expect(sniffImageKind(tinyPng())).toBe('png');
    expect(sniffImageKind(tinyPdf())).toBe('pdf');
    expect(sniffImageKind(new Uint8Array([0x47, 0x49, 0x46]))).toBeNull();
    expect(readPngSize(tinyPng(3, 5))).toEqual({ width: 3, height: 5 });
  });

  it('checks base64 strictly', () => {
    expect(checkBase64('QUJD')).toEqual({ ok: true, byteLength: 3 });
    expect(checkBase64('QUI=')).toEqual({ ok: true, byteLength: 2 });
    expect(checkBase64('QUI')).toEqual({ ok: false, problem: 'padding' });
    expect(checkBase64('QU-_')).toEqual({ ok: false, problem: 'alphabet' });
    expect(checkBase64('data:image/png;base64,QUJD')).toEqual({ ok: false, problem: 'data-url' });
  });
});

describe('shared lists', () => {
  it('has all 249 officially assigned country codes and no reserved ones', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).toBeTruthy();
    for (const code of ['LT', 'US', 'SS', 'BQ', 'AX']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['EU', 'UN', 'XK', 'UK', 'SU', 'lt']) expect(isCountryCode(code)).toBe(false);
  });

  it('lists error identifiers once', () => {
    expect(new Set(ERROR_IDENTIFIERS).size).toBe(ERROR_IDENTIFIERS.length);
    expect(ERROR_IDENTIFIERS).toEqual(expect.arrayContaining(['MISSING_VALUE', 'INVALID_VALUE', 'UNAUTHORIZED', 'TOKEN_USED', 'REQUEST_TOO_LARGE']));
  });
});
