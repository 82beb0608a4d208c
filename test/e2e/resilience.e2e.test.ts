import { connect, createServer, type Server, type Socket } from 'node:net';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFile, startHarness, toFirstPhoto, type Harness } from './harness.ts';

/**
 * Submission under failure, in Chromium against the backend on the sandbox, with the network
 * bent by request interception: every way the request can fail must end with the verification
 * sent once (or a clear message), the photos kept, and nothing secret anywhere it should not be.
 */
let harness: Harness;
/** Every authToken the backend handed out in this file, to look for where it must never be. */
const tokens = new Set<string>();
/** Everything the pages wrote to the console, and every URL they requested. */
const consoleLines: string[] = [];
const requestedUrls: string[] = [];

beforeAll(async () => {
  harness = await startHarness({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined });
  // Load both pages once, so the dev server's first-visit dependency optimisation (which may
  // reload a page) is over before any test counts on a page staying put.
  const page = await harness.browser.newPage();
  for (const path of ['/?locale=en', '/test/e2e/widget.html']) {
    await page.goto(`${harness.origin}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
  }
  await page.close();
});
afterAll(async () => {
  await harness?.close();
});

/**
 * A TCP relay in front of the dev server, standing in for a mobile network: uploads of a
 * submission crawl at ~1 MB/s, and `goDown()` drops every connection and refuses new ones until
 * `comeBack()`, as a lost signal would. (Chromium's offline emulation alone
 * only refuses new requests; it lets a running upload finish.)
 */
async function flakyNetwork(targetPort: number) {
  const BYTES_PER_SECOND = 1_000_000;
  const uploads = new Set<Socket>();
  const websockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const sockets = new Set<Socket>();
  let down = false;
  let slow = true;
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    clients.add(client);
    client.on('close', () => clients.delete(client));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1', 0, 2048);
      if (head.startsWith('POST /api/submit ')) uploads.add(client);
      if (/^upgrade: websocket/im.test(head)) websockets.add(client);
      upstream.write(chunk);
      if (!uploads.has(client) || !slow) return;
      client.pause();
      setTimeout(() => client.resume(), (chunk.length / BYTES_PER_SECOND) * 1000);
    });
    upstream.on('data', (chunk: Buffer) => {
      // An answer means the upload on this connection is over.
      uploads.delete(client);
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    /** The signal is lost: uploads in flight are cut, nothing new gets through. Returns how many were cut. */
    goDown() {
      down = true;
      const cut = uploads.size;
      // Every connection, idle ones too (Chromium would resend the upload on one of those), but
      // the dev server's own websocket, whose loss would make its client reload the page.
      for (const socket of clients) if (!websockets.has(socket)) socket.destroy();
      uploads.clear();
      return cut;
    },
    /** The signal is back, and good: uploads go at full speed. */
    comeBack() {
      down = false;
      slow = false;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function openPage(path = '/?locale=en', origin = harness.origin): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  watch(page);
  await page.goto(`${origin}${path}`);
  return { context, page };
}

/** Records the page's console, errors and request URLs, and the tokens its sessions carry. */
function watch(page: Page) {
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requestedUrls.push(request.url()));
  page.on('response', async (response) => {
    if (!response.url().endsWith('/api/session') || !response.ok()) return;
    const body = (await response.json().catch(() => null)) as { authToken?: string } | null;
    if (body?.authToken) tokens.add(body.authToken);
  });
}

/** Document photos drawn by the shared fixture; small ones (1600×1200) are quick to make. */
async function photos(page: Page, width = 1600, height = 1200): Promise<Buffer[]> {
  const base64: string[] = await page.evaluate(`(async () => {
    const fixtures = await import('/test/browser/compressFixtures.ts');
    const read = (blob) => new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result).split(',')[1]); r.readAsDataURL(blob); });
    return Promise.all([1, 2, 3].map(async (seed) => read(await fixtures.documentPhoto({ seed, width: ${width}, height: ${height} }))));
  })()`);
  return base64.map((text) => Buffer.from(text, 'base64'));
}

const upload = (page: Page, buffer: Buffer, name: string) => chooseFile(page, { name, mimeType: 'image/jpeg', buffer });

/** Instructions to review with an identity card: front, back, selfie. */
async function walkToReview(page: Page, size: [number, number] = [1600, 1200]) {
  const [front, back, face] = await photos(page, ...size);
  await toFirstPhoto(page);
  await page.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
  await upload(page, front!, 'front.jpg');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
  await upload(page, back!, 'back.jpg');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
  await upload(page, face!, 'selfie.jpg');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Check your photos' }).waitFor();
}

async function stats(): Promise<{ backend: Record<string, number>; vendor: Record<string, number> }> {
  return (await fetch(`${harness.origin}/api/sandbox/stats`)).json();
}

/** Counts the backend's /api/submit and vendor /process calls from here on. */
async function counting() {
  const before = await stats();
  return async () => {
    const after = await stats();
    const delta = (side: 'backend' | 'vendor', key: string) => (after[side][key] ?? 0) - (before[side][key] ?? 0);
    return {
      submits: delta('backend', 'POST /api/submit'),
      statusChecks: delta('backend', 'POST /api/submit/status'),
      sessions: delta('backend', 'POST /api/session'),
      process: delta('vendor', '/api/v2/process'),
    };
  };
}

const done = (page: Page) => page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
const lastSubmission = async () => (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json();

/** Routes the first `times` submits to `answer`; later ones reach the backend. */
function interceptSubmits(page: Page, times: number, answer: (route: Route) => Promise<void>) {
  let left = times;
  const seen: string[] = [];
  return page
    .route('**/api/submit', async (route) => {
      seen.push(route.request().postData() ?? '');
      if (left-- > 0) return answer(route);
      return route.continue();
    })
    .then(() => seen);
}

describe('a submission that meets trouble', () => {
  it('goes offline in the middle of the upload, waits, and sends once when back online', async () => {
    const network = await flakyNetwork(Number(new URL(harness.origin).port));
    const { context, page } = await openPage('/?locale=en', network.origin);
    // Full 12-megapixel photos: a 13 MB body, far more than the socket buffers swallow at once.
    await walkToReview(page, [4032, 3024]);
    const count = await counting();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/^Uploaded ([3-7]\d)\s?%$/).waitFor({ timeout: 30_000 });
    await context.setOffline(true);
    const cut = network.goDown();
    expect(cut).toBeGreaterThanOrEqual(1);
    await page.locator('[data-mk-phase="WAITING_FOR_NETWORK"]').waitFor();
    await page.getByText('No connection. Your photos are kept and will be sent as soon as you are back online.').waitFor();
    network.comeBack();
    await context.setOffline(false);
    await page.locator('[data-mk-phase="SENDING"]').waitFor();
    await done(page);
    // The backend saw the cut upload(s) begin and the last one whole; the vendor saw one verification.
    const counted = await count();
    expect(counted.process).toBe(1);
    expect(counted.submits).toBe(cut + 1);
    await context.close();
    await network.close();
  });

  it('answers a 503 by trying again by itself, without asking the person', async () => {
    const { context, page } = await openPage();
    await walkToReview(page);
    const count = await counting();
    await interceptSubmits(page, 1, (route) =>
      route.fulfill({ status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: JSON.stringify({ message: 'Busy', identifier: 'SERVICE_UNAVAILABLE' }) }),
    );
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('[data-mk-phase="RETRYING"]').waitFor();
    await page.getByText(/Trying again by itself \(1 of 4\)/).waitFor();
    await done(page);
    expect(await count()).toMatchObject({ submits: 1, statusChecks: 0, process: 1 });
    await context.close();
  });

  it('takes the person back to BACK on 400 MISSING_VALUE, keeps the other photos, and sends again', async () => {
    const { context, page } = await openPage();
    await walkToReview(page);
    const count = await counting();
    await interceptSubmits(page, 1, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ message: "No image provided for step 'BACK'", identifier: 'MISSING_VALUE', severity: 'NOT_SEVERE' }),
      }),
    );
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('“Back of your identity card” did not arrive. Please add it again; your other photos are kept.').waitFor();
    await page.getByText(/^Reference: MK-[2-9A-Z]{4}-[2-9A-Z]{4}$/).waitFor();
    await page.getByRole('button', { name: 'Retake: Back of your identity card' }).click();
    await page.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    // Its photo is still there, and so are the others on review.
    await page.getByText(/Photo ready/).waitFor();
    await page.getByRole('button', { name: 'Back to review' }).click();
    await expect.poll(() => page.getByRole('img', { name: /^Preview of/ }).count()).toBe(3);
    await page.getByRole('button', { name: 'Submit' }).click();
    await done(page);
    expect(await count()).toMatchObject({ submits: 1, process: 1 });
    expect(Object.keys((await lastSubmission()).images).sort()).toEqual(['BACK', 'FACE', 'FRONT']);
    await context.close();
  });

  it('asks the backend after an HTML 502 instead of uploading blindly, and ends on a generic message with a reference', async () => {
    const { context, page } = await openPage();
    await walkToReview(page);
    const count = await counting();
    const seen = await interceptSubmits(page, 99, (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
    );
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor({ timeout: 60_000 });
    await page.getByText('The verification service is not answering right now. Please try again in a moment; your photos are kept.').waitFor();
    await page.getByText(/^Reference: MK-[2-9A-Z]{4}-[2-9A-Z]{4}$/).waitFor();
    await page.getByText('Error code: SERVER · 502').waitFor();
    // Five sends, each after the first preceded by a question the backend answered "not submitted".
    expect(seen).toHaveLength(5);
    expect(await count()).toMatchObject({ submits: 0, statusChecks: 4, process: 0 });
    // Still nothing lost: back to review, all three photos there.
    await page.getByRole('button', { name: 'Back to review' }).click();
    await expect.poll(() => page.getByRole('img', { name: /^Preview of/ }).count()).toBe(3);
    await context.close();
  });

  it('gets a new session when the token expired and sends the same photos with it', async () => {
    const { context, page } = await openPage();
    await walkToReview(page);
    const count = await counting();
    const seen = await interceptSubmits(page, 1, (route) =>
      route.fulfill({ status: 410, contentType: 'application/json', body: JSON.stringify({ message: 'This session has expired: start a new one', identifier: 'TOKEN_EXPIRED' }) }),
    );
    await page.getByRole('button', { name: 'Submit' }).click();
    await done(page);
    expect(await count()).toMatchObject({ sessions: 1, submits: 1, process: 1 });
    const [expired, renewed] = seen.map((body) => JSON.parse(body) as { authToken: string; images: Record<string, string | null> });
    expect(renewed!.authToken).not.toBe(expired!.authToken);
    expect(renewed!.images).toEqual(expired!.images);
    await context.close();
  });

  it('sends one request for a double click on Submit', async () => {
    const { context, page } = await openPage();
    await walkToReview(page);
    const count = await counting();
    await page.getByRole('button', { name: 'Submit' }).dblclick();
    await done(page);
    expect(await count()).toMatchObject({ submits: 1, process: 1 });
    await context.close();
  });
});

describe('resume and history on the hosted page', () => {
  it('restores the photos after a reload, moves with Back and Forward, and leaves nothing in IndexedDB after submitting', async () => {
    const { context, page } = await openPage();
    const [front, back, face] = await photos(page);
    await toFirstPhoto(page);
    await upload(page, front!, 'front.jpg');
    await page.getByRole('button', { name: 'Continue' }).click();
    await upload(page, back!, 'back.jpg');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
    const sessionsBefore = (await stats()).backend['POST /api/session'] ?? 0;

    // The line above the screen follows the connection.
    await context.setOffline(true);
    await page.getByText('You are offline. Your photos stay on this device until the connection is back.').waitFor();
    await context.setOffline(false);
    await page.getByText('Back online.').waitFor();

    // Let the draft land, then reload as an evicted tab would.
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain('markid-resume:default');
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
    await page.getByText('Welcome back: your earlier choices and photos are still here.').waitFor();
    // Same verification: the reload minted no new token.
    expect((await stats()).backend['POST /api/session'] ?? 0).toBe(sessionsBefore);

    // Back goes to the previous step with its photo; Forward returns.
    await page.goBack();
    await page.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    await page.getByText(/Photo ready/).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    await page.getByText(/Photo ready/).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
    expect(page.url()).toBe(`${harness.origin}/?locale=en`);

    await upload(page, face!, 'selfie.jpg');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('img', { name: /^Preview of/ }).count()).toBe(3);
    await page.getByRole('button', { name: 'Submit' }).click();
    await done(page);
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    await context.close();
  });

  it('drops the draft on "Start over"', async () => {
    const { context, page } = await openPage();
    const [front] = await photos(page);
    await toFirstPhoto(page);
    await upload(page, front!, 'front.jpg');
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).length)).toBe(1);
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Delete and start over' }).click();
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    expect(await page.getByText(/Welcome back/).count()).toBe(0);
    await context.close();
  });
});

/** The test page with `options` as the host's, recording what the host receives in window.__events. */
async function openWidget(options: Record<string, unknown>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript((given) => {
    (window as unknown as { __widget: unknown }).__widget = given;
  }, options);
  const page = await context.newPage();
  watch(page);
  await page.goto(`${harness.origin}/test/e2e/widget.html`);
  return { context, page };
}

describe('what never leaks', () => {
  it('puts no token or image in any URL, console line or onError payload, whatever the vendor quotes back', async () => {
    const { context, page } = await openWidget({ locale: 'en', hostSession: true });
    await walkToReview(page);
    let call = 0;
    await page.route('**/api/submit', async (route) => {
      const { authToken } = JSON.parse(route.request().postData() ?? '{}') as { authToken: string };
      call++;
      // A careless vendor quoting the token back: first as expired, then (the renewed one) as unknown.
      const [status, identifier, message] = call === 1 ? [410, 'TOKEN_EXPIRED', `Token ${authToken} expired`] : [404, 'TOKEN_NOT_FOUND', `Verification token ${authToken} not found`];
      return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ message, identifier }) });
    });
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('This verification is not valid. Please start again from the service that sent you here.').waitFor();
    const events = await page.evaluate(() => window.__events);
    // The host was asked for a new session once, and told of one error, with the token cut out.
    expect(events.map((event) => event.type)).toEqual(['sessionExpired', 'error']);
    expect(events[1]!.payload).toEqual({
      code: 'UNAUTHORIZED',
      identifier: 'TOKEN_NOT_FOUND',
      status: 404,
      detail: 'Verification token [redacted] not found',
      reference: expect.stringMatching(/^MK-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
    });
    await context.close();

    const everything = [...consoleLines, ...requestedUrls, JSON.stringify(events)].join('\n');
    // At least the two this test minted (first and renewed); more when the whole file ran.
    expect(tokens.size).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(everything.includes(token), 'a token leaked').toBe(false);
    // JPEG base64 starts with /9j/; a data: URL would put an image in a URL.
    expect(everything).not.toMatch(/\/9j\/[A-Za-z0-9+/]{20}/);
    expect(requestedUrls.filter((url) => url.startsWith('data:image'))).toEqual([]);
  });
});
