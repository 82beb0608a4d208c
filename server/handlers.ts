import { randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../src/core/limits.ts';
import type { ReuploadSession, SubmitSuccess } from '../src/core/payload.ts';
import { PROCESS_IMAGE_KEYS, isProcessImageKey, toSession } from '../src/core/token.ts';
import type { AdditionalSteps, DocumentType, ProcessImageKey } from '../src/core/token.ts';
import { applicableAdditionalSteps } from '../src/core/additionalSteps.ts';
import { customStepNames } from './additionalSteps.ts';
import { discardBody, isJsonContentType, parseJson, readBodyCapped, readJsonBody } from './body.ts';
import { BoundedMap } from './boundedMap.ts';
import { nextClientId } from './config.ts';
import type { MerchantConfig } from './config.ts';
import { ERROR_IDENTIFIERS, isProblem, jsonResponse, problem, problemResponse } from './errors.ts';
import type { Problem } from './errors.ts';
import { IMAGE_MIME_TYPES } from './imageSniff.ts';
import { toVendorLocale } from './locales.ts';
import { createSandboxVendor } from './sandbox.ts';
import type { SandboxVendor } from './sandbox.ts';
import { Slots } from './slots.ts';
import { SubmissionRecord } from './submissionRecord.ts';
import type { Outcome } from './submissionRecord.ts';
import { createVendorClient } from './vendorClient.ts';
import type { FetchLike, ProcessRequest, TokenRequest } from './vendorClient.ts';

export { ERROR_IDENTIFIERS };

export type RequestHandler = (request: Request) => Promise<Response>;

export interface MerchantBackendDeps {
  /** How to reach the vendor. Default: the sandbox in-process (sandbox mode) or the global `fetch`. */
  fetch?: FetchLike;
  /** The sandbox to answer for, and to read submissions from (sandbox mode only). */
  sandbox?: SandboxVendor;
  now?: () => number;
  randomUUID?: () => string;
  timeoutMs?: number;
  /** Receives one line per request: method, path, status, duration. Never bodies, tokens or queries. */
  log?: (line: string) => void;
  /** Minted tokens remembered at once; the oldest are forgotten first. */
  maxSessions?: number;
  /** How long a submission may wait for a free slot before it is told to come back (503). */
  slotWaitMs?: number;
}

/** The backend's handler, with counters a load test or a sandbox page may read. */
export type MerchantBackend = RequestHandler & {
  /** Requests answered per route (`POST /api/submit`), and vendor calls per path (`/api/v2/process`). */
  stats(): { backend: Record<string, number>; vendor: Record<string, number> };
};

/** The `{ locale? }` body of `/api/session` is tiny; anything bigger is not a widget talking. */
const SESSION_BODY_MAX_BYTES = 16 * 1024;
/**
 * Room for everything in a submit body that is not image data. Equal to the widget's
 * `JSON_OVERHEAD_BYTES` (src/core/budget.ts, checked by a test); not imported, because budget.ts
 * is not written for Vite's native config loader, which loads this file too.
 */
export const SUBMIT_JSON_SLACK_BYTES = 64 * 1024;
/** Expired tokens are remembered this long past expiry so a late submit hears TOKEN_EXPIRED. */
const SESSION_RETENTION_MS = 60 * 60 * 1000;
const SANDBOX_IMAGES_PATH = '/api/sandbox/last-submission/images/';
const VENDOR_TRANSPORT_ERRORS = new Set<string>(['VENDOR_UNREACHABLE', 'VENDOR_TIMEOUT', 'VENDOR_BAD_RESPONSE']);
/** A re-upload permission lasts an hour: long enough to find the right file, short enough to be stale-proof. */
const REUPLOAD_LIFETIME_SECONDS = 3600;
/** Verifications this backend forwarded, remembered this long for re-upload sessions. */
const FORWARDED_RETENTION_MS = 24 * 60 * 60 * 1000;
/** `{ authToken }` or `{ reuploadToken }`. */
const STATUS_BODY_MAX_BYTES = 4 * 1024;
/**
 * Under the widget's 45 s stall limit, so a waiting phone hears "busy, retry in a moment" before it
 * gives up on a silent connection by itself.
 */
const SLOT_WAIT_MS = 30_000;
const BUSY_RETRY_AFTER_SECONDS = 5;
/** Request ids are the widget's reference shown to the person; only a short, plain one is logged. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The largest `/api/submit` body accepted: one full `/process` request, plus one maximal image per
 * custom step the configured tokens can ask for (those travel in the same body and are forwarded
 * separately), plus the JSON overhead the widget's budget reserves. Known from the configuration
 * alone, so it can be enforced before the body (and so the token inside it) is read.
 */
export function submitBodyCap(config: MerchantConfig): number {
  const customSteps = customStepNames(config.tokenDefaults.additionalSteps as AdditionalSteps | undefined).length;
  return MAX_PROCESS_REQUEST_BYTES + MAX_IMAGE_BASE64_CHARS * customSteps + SUBMIT_JSON_SLACK_BYTES;
}

interface MintedToken {
  scanRef: string;
  additionalSteps: AdditionalSteps | null;
  /** How far forwarding got. A failed vendor call leaves it there, so a retry resumes, never repeats. */
  processed: boolean;
  /**
   * The last `/process` call ended without an answer (timeout, dropped connection, garbage): the
   * vendor may have accepted it. A later TOKEN_USED for this token then means exactly that.
   */
  processUncertain: boolean;
  uploaded: Set<string>;
  submission: SubmissionRecord;
}

/** A verification this backend forwarded: what a re-upload session for it needs to know. */
interface Forwarded {
  country: string;
  documentType: string;
  additionalSteps: AdditionalSteps | null;
}

/** Permission to upload one additional step of one verification, minted for the merchant's server. */
interface ReuploadGrant {
  scanRef: string;
  step: string;
  additionalData: Record<string, string> | null;
  submission: SubmissionRecord;
}

interface Plan {
  process: ProcessRequest;
  additional: [step: string, image: string][];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const outcomeResponse = (outcome: Outcome) => jsonResponse(outcome.status, outcome.body);
const isSuccess = (outcome: Outcome) => outcome.status === 200;

/** Compares secrets in time independent of where they first differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createMerchantBackend(config: MerchantConfig, deps: MerchantBackendDeps = {}): MerchantBackend {
  const now = deps.now ?? Date.now;
  const randomUUID = deps.randomUUID ?? (() => crypto.randomUUID());
  const sandbox = config.mode === 'sandbox' ? (deps.sandbox ?? createSandboxVendor({ apiKey: config.apiKey, apiSecret: config.apiSecret })) : null;
  const direct: FetchLike =
    deps.fetch ?? (sandbox ? (url, init) => sandbox.handle(new Request(url, init)) : (url, init) => globalThis.fetch(url, init));
  const backendCounts = new Map<string, number>();
  const vendorCounts = new Map<string, number>();
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const fetchVendor: FetchLike = (url, init) => {
    bump(vendorCounts, new URL(url).pathname);
    return direct(url, init);
  };
  const vendor = createVendorClient({
    fetch: fetchVendor,
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
  });
  const minted = new BoundedMap<string, MintedToken>(deps.maxSessions ?? 10_000, SESSION_RETENTION_MS);
  const forwarded = new BoundedMap<string, Forwarded>(deps.maxSessions ?? 10_000, 0);
  const reuploads = new BoundedMap<string, ReuploadGrant>(deps.maxSessions ?? 10_000, SESSION_RETENTION_MS);
  const submitCap = submitBodyCap(config);
  const slots = new Slots(config.maxConcurrentSubmissions);
  const slotWaitMs = deps.slotWaitMs ?? SLOT_WAIT_MS;

  /** Runs `handle` holding a submission slot, or answers 503 with Retry-After when none frees up. */
  async function inSlot(request: Request, handle: () => Promise<Response>): Promise<Response> {
    const release = await slots.acquire(slotWaitMs);
    if (!release) {
      discardBody(request);
      return problemResponse(problem('BACKEND_BUSY', 'Too many submissions are being forwarded right now: try again shortly'), {
        'retry-after': String(BUSY_RETRY_AFTER_SECONDS),
      });
    }
    try {
      return await handle();
    } finally {
      release();
    }
  }

  async function createSession(request: Request): Promise<Response> {
    const contentType = request.headers.get('content-type');
    if (contentType !== null && !isJsonContentType(contentType)) {
      discardBody(request);
      return problemResponse(problem('UNSUPPORTED_MEDIA_TYPE', "Send '{ \"locale\": ... }' as application/json, or an empty body"));
    }
    const bytes = await readBodyCapped(request, SESSION_BODY_MAX_BYTES);
    if (isProblem(bytes)) return problemResponse(bytes);
    if (bytes.byteLength > 0 && contentType === null) {
      return problemResponse(problem('UNSUPPORTED_MEDIA_TYPE', "A non-empty body needs 'Content-Type: application/json'"));
    }
    const parsed = parseJson(bytes);
    if (isProblem(parsed)) return problemResponse(parsed);
    const body = parsed.value ?? {};
    if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
    if (body.locale != null && typeof body.locale !== 'string') return problemResponse(problem('INVALID_VALUE', "'locale' must be a string"));
    // An unsupported browser language is not the user's fault: the token keeps its default then.
    const locale = typeof body.locale === 'string' ? toVendorLocale(body.locale) : null;

    const tokenRequest: TokenRequest = {
      ...config.tokenDefaults,
      clientId: nextClientId(config.clientId, randomUUID),
      ...(locale ? { locale } : {}),
    };
    const result = await vendor.token(tokenRequest);
    if (!result.ok) {
      // A vendor that is down is worth retrying; one that refuses the token request is refusing
      // the merchant's configuration, not anything the user did: say which.
      return VENDOR_TRANSPORT_ERRORS.has(result.body.identifier)
        ? problemResponse({ status: result.status, body: result.body })
        : problemResponse(
            problem(
              'SESSION_NOT_CREATED',
              `The identity vendor refused to create a session (${result.status} ${result.body.identifier}: ${result.body.message})`,
            ),
          );
    }
    const token = result.body;
    const at = now();
    // The vendor is the judge of expiry; this only bounds memory, so be generous: a session
    // opened just before `expiryTime` may still run for `sessionLength`.
    const lifetimeSeconds = (token.expiryTime > 0 ? token.expiryTime : 3600) + (token.sessionLength > 0 ? token.sessionLength : 600);
    minted.set(
      token.authToken,
      {
        scanRef: token.scanRef,
        additionalSteps: token.additionalSteps ?? null,
        processed: false,
        processUncertain: false,
        uploaded: new Set(),
        submission: new SubmissionRecord(),
      },
      at + lifetimeSeconds * 1000,
      at,
    );
    return jsonResponse(200, toSession(token));
  }

  async function submit(request: Request): Promise<Response> {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      discardBody(request);
      return problemResponse(problem('UNSUPPORTED_MEDIA_TYPE', "The submission must be sent as 'Content-Type: application/json'"));
    }
    const bytes = await readBodyCapped(request, submitCap);
    if (isProblem(bytes)) return problemResponse(bytes);
    const parsed = parseJson(bytes);
    if (isProblem(parsed)) return problemResponse(parsed);
    const body = parsed.value;
    if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
    if (typeof body.authToken !== 'string' || body.authToken === '') {
      return problemResponse(problem('MISSING_VALUE', "No value provided for 'authToken'"));
    }
    const entry = minted.get(body.authToken, now());
    if (!entry) {
      return problemResponse(problem('TOKEN_NOT_MINTED', 'This token was not issued by this backend, or expired long ago: start a new session'));
    }
    const token = entry.value;
    const settled = token.submission.settled();
    if (settled) return outcomeResponse(await settled);
    if (entry.expired) return problemResponse(problem('TOKEN_EXPIRED', 'This session has expired: start a new one'));

    const plan = planSubmission(body, body.authToken, token);
    if (isProblem(plan)) return problemResponse(plan);
    // No await between the checks above and this line, so two requests cannot both get here.
    return outcomeResponse(await token.submission.run(() => forward(token, plan), isSuccess));
  }

  /**
   * What became of the last submission for a token: the widget asks this after a failure that may
   * have happened after its request arrived, instead of uploading the images again.
   */
  async function submissionStatus(request: Request): Promise<Response> {
    const parsed = await readJsonBody(request, STATUS_BODY_MAX_BYTES);
    if (isProblem(parsed)) return problemResponse(parsed);
    const body = parsed.value;
    if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
    const at = now();
    if (typeof body.authToken === 'string' && body.authToken !== '') {
      const entry = minted.get(body.authToken, at);
      if (!entry) return problemResponse(problem('TOKEN_NOT_MINTED', 'This token was not issued by this backend, or expired long ago'));
      return jsonResponse(200, entry.value.submission.status());
    }
    if (typeof body.reuploadToken === 'string' && body.reuploadToken !== '') {
      const entry = reuploads.get(body.reuploadToken, at);
      if (!entry) return problemResponse(problem('REUPLOAD_NOT_FOUND', 'This re-upload session was not issued by this backend, or expired long ago'));
      return jsonResponse(200, entry.value.submission.status());
    }
    return problemResponse(problem('MISSING_VALUE', "No value provided for 'authToken'"));
  }

  /**
   * Only what the vendor cannot check for us before the token is spent: every custom step of this
   * country and document is present, and nothing else is. A `/process` accepted with a custom step
   * missing would leave a verification that can never be completed with this token.
   */
  function planSubmission(body: Record<string, unknown>, authToken: string, token: MintedToken): Plan | Problem {
    const { country, documentType, images } = body;
    if (typeof country !== 'string' || country === '') return problem('MISSING_VALUE', "No value provided for 'country'");
    if (typeof documentType !== 'string' || documentType === '') return problem('MISSING_VALUE', "No value provided for 'documentType'");
    if (!isRecord(images)) return problem('MISSING_VALUE', "No value provided for 'images'");
    for (const [key, value] of Object.entries(images)) {
      if (!isProcessImageKey(key)) {
        return problem('INVALID_VALUE', `Unknown image key '${key}': custom additional steps go in 'additionalImages'`);
      }
      if (value !== null && typeof value !== 'string') return problem('INVALID_VALUE', `Image for step '${key}' must be a base64 string or null`);
    }
    const additionalImages = body.additionalImages ?? {};
    if (!isRecord(additionalImages)) return problem('INVALID_VALUE', "'additionalImages' must be an object of step name to base64");

    const expected = [...applicableAdditionalSteps(token.additionalSteps, country, documentType).keys()].filter((step) => !isProcessImageKey(step));
    for (const [step, image] of Object.entries(additionalImages)) {
      if (isProcessImageKey(step)) return problem('INVALID_VALUE', `'${step}' belongs in 'images', not in 'additionalImages'`);
      if (!expected.includes(step)) return problem('INVALID_VALUE', `Step '${step}' is not an additional step of this verification`);
      if (typeof image !== 'string' || image === '') return problem('MISSING_VALUE', `No image provided for step '${step}'`);
      if (image.length > MAX_IMAGE_BASE64_CHARS) {
        return problem('IMAGE_TOO_LARGE', `Image for step '${step}' is ${image.length} characters long; the maximum is ${MAX_IMAGE_BASE64_CHARS}`);
      }
    }
    for (const step of expected) {
      if (!(step in additionalImages)) return problem('MISSING_VALUE', `No image provided for step '${step}'`);
    }

    const processImages = Object.fromEntries(PROCESS_IMAGE_KEYS.map((key) => [key, (images[key] as string | null | undefined) ?? null])) as Record<
      ProcessImageKey,
      string | null
    >;
    const process: ProcessRequest = { authToken, country, documentType: documentType as DocumentType, images: processImages };
    // The vendor would refuse it too, but only after the upload: refuse it here for free.
    if (!token.processed && Buffer.byteLength(JSON.stringify(process)) > MAX_PROCESS_REQUEST_BYTES) {
      return problem('REQUEST_TOO_LARGE', `The images for /process exceed the vendor's ${MAX_PROCESS_REQUEST_BYTES} bytes per request`);
    }
    return { process, additional: expected.map((step) => [step, additionalImages[step] as string]) };
  }

  async function forward(token: MintedToken, plan: Plan): Promise<Outcome> {
    try {
      if (!token.processed) {
        const processed = await vendor.process(plan.process);
        // Our earlier call went through after all: the vendor spent the token on it.
        const landedEarlier = !processed.ok && token.processUncertain && processed.body.identifier === 'TOKEN_USED';
        if (!processed.ok && !landedEarlier) {
          token.processUncertain = VENDOR_TRANSPORT_ERRORS.has(processed.body.identifier);
          return { status: processed.status, body: processed.body };
        }
        token.processed = true;
        const at = now();
        forwarded.set(
          token.scanRef,
          { country: plan.process.country, documentType: plan.process.documentType, additionalSteps: token.additionalSteps },
          at + FORWARDED_RETENTION_MS,
          at,
        );
      }
      for (const [step, image] of plan.additional) {
        if (token.uploaded.has(step)) continue;
        const uploaded = await vendor.uploadAdditionalStep({ scanRef: token.scanRef, step, image });
        if (!uploaded.ok) return { status: uploaded.status, body: uploaded.body };
        token.uploaded.add(step);
      }
      const success: SubmitSuccess = { scanRef: token.scanRef };
      return { status: 200, body: success };
    } catch {
      return problem('INTERNAL_ERROR', 'The submission could not be forwarded');
    }
  }

  /**
   * Mints permission to upload one additional step of a verification this backend forwarded. Only
   * the merchant's server may ask (it holds `MARKID_REUPLOAD_SECRET`), so a browser can never pick
   * a scanRef of its own: it only ever holds the random token this answers.
   */
  async function createReuploadSession(request: Request): Promise<Response> {
    const secret = config.reuploadSecret;
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!secret || !given || !sameSecret(given, secret)) {
      discardBody(request);
      return problemResponse(problem('UNAUTHORIZED', 'Re-upload sessions are minted for the merchant server only: send its bearer secret'));
    }
    const parsed = await readJsonBody(request, SESSION_BODY_MAX_BYTES);
    if (isProblem(parsed)) return problemResponse(parsed);
    const body = parsed.value;
    if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
    const { scanRef, step, additionalData } = body;
    if (typeof scanRef !== 'string' || scanRef === '') return problemResponse(problem('MISSING_VALUE', "No value provided for 'scanRef'"));
    if (typeof step !== 'string' || step === '') return problemResponse(problem('MISSING_VALUE', "No value provided for 'step'"));
    if (additionalData != null && (!isRecord(additionalData) || !Object.values(additionalData).every((value) => typeof value === 'string'))) {
      return problemResponse(problem('INVALID_VALUE', "'additionalData' must be an object of strings"));
    }
    const at = now();
    const verification = forwarded.get(scanRef, at)?.value;
    if (!verification) return problemResponse(problem('SCAN_NOT_FOUND', 'This backend has not forwarded a verification with this scanRef'));
    const stepConfig = applicableAdditionalSteps(verification.additionalSteps, verification.country, verification.documentType).get(step);
    if (!stepConfig) return problemResponse(problem('INVALID_VALUE', `Step '${step}' is not an additional step of this verification`));

    const reuploadToken = randomBytes(24).toString('base64url');
    reuploads.set(
      reuploadToken,
      { scanRef, step, additionalData: (additionalData as Record<string, string> | undefined) ?? null, submission: new SubmissionRecord() },
      at + REUPLOAD_LIFETIME_SECONDS * 1000,
      at,
    );
    const session: ReuploadSession = {
      reuploadToken,
      scanRef,
      step,
      texts: stepConfig.texts ?? null,
      settings: stepConfig.settings ?? null,
      expiryTime: REUPLOAD_LIFETIME_SECONDS,
    };
    return jsonResponse(201, session);
  }

  /** The widget's re-upload: one image for the step its re-upload session names, sent once. */
  async function reupload(request: Request): Promise<Response> {
    const parsed = await readJsonBody(request, MAX_IMAGE_BASE64_CHARS + SUBMIT_JSON_SLACK_BYTES);
    if (isProblem(parsed)) return problemResponse(parsed);
    const body = parsed.value;
    if (!isRecord(body)) return problemResponse(problem('MALFORMED_JSON', 'The request body must be a JSON object'));
    if (typeof body.reuploadToken !== 'string' || body.reuploadToken === '') {
      return problemResponse(problem('MISSING_VALUE', "No value provided for 'reuploadToken'"));
    }
    const entry = reuploads.get(body.reuploadToken, now());
    if (!entry) return problemResponse(problem('REUPLOAD_NOT_FOUND', 'This re-upload session was not issued by this backend, or expired long ago'));
    const grant = entry.value;
    const settled = grant.submission.settled();
    if (settled) return outcomeResponse(await settled);
    if (entry.expired) return problemResponse(problem('TOKEN_EXPIRED', 'This re-upload session has expired: ask for a new one'));
    const { image } = body;
    if (typeof image !== 'string' || image === '') return problemResponse(problem('MISSING_VALUE', `No image provided for step '${grant.step}'`));
    if (image.length > MAX_IMAGE_BASE64_CHARS) {
      return problemResponse(problem('IMAGE_TOO_LARGE', `Image for step '${grant.step}' is ${image.length} characters long; the maximum is ${MAX_IMAGE_BASE64_CHARS}`));
    }
    const outcome = grant.submission.run(async () => {
      try {
        const uploaded = await vendor.uploadAdditionalStep({
          scanRef: grant.scanRef,
          step: grant.step,
          image,
          ...(grant.additionalData ? { additionalData: grant.additionalData } : {}),
        });
        if (!uploaded.ok) return { status: uploaded.status, body: uploaded.body };
        const success: SubmitSuccess = { scanRef: grant.scanRef };
        return { status: 200, body: success };
      } catch {
        return problem('INTERNAL_ERROR', 'The re-upload could not be forwarded');
      }
    }, isSuccess);
    return outcomeResponse(await outcome);
  }

  function lastSubmission(): Response {
    const last = sandbox?.lastSubmission();
    if (!last) return problemResponse(problem('NOT_FOUND', 'Nothing has been submitted to the sandbox yet'));
    const images = Object.fromEntries(
      Object.entries(last.images).map(([step, image]) => [step, { ...image, url: `${SANDBOX_IMAGES_PATH}${encodeURIComponent(step)}` }]),
    );
    return jsonResponse(200, { ...last, images });
  }

  function lastSubmissionImage(pathname: string): Response {
    const image = sandbox?.lastSubmissionImage(decodeURIComponent(pathname.slice(SANDBOX_IMAGES_PATH.length)));
    if (!image) return problemResponse(problem('NOT_FOUND', 'The last submission has no image for this step'));
    return new Response(image.bytes, {
      status: 200,
      headers: { 'content-type': IMAGE_MIME_TYPES[image.type], 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    });
  }

  type Route = Partial<Record<string, (request: Request, pathname: string) => Promise<Response> | Response>>;
  const routes = new Map<string, Route>([
    ['/api/session', { POST: createSession }],
    ['/api/submit', { POST: (request) => inSlot(request, () => submit(request)) }],
    ['/api/submit/status', { POST: submissionStatus }],
    ['/api/reupload', { POST: (request) => inSlot(request, () => reupload(request)) }],
    ['/api/reupload/status', { POST: submissionStatus }],
  ]);
  // Without a secret nobody may mint re-upload sessions, so the path does not exist.
  if (config.reuploadSecret) routes.set('/api/reupload/session', { POST: createReuploadSession });
  // Only a sandbox has submissions to show; against the real vendor these paths do not exist.
  if (sandbox) {
    routes.set('/api/sandbox/last-submission', { GET: lastSubmission });
    routes.set('/api/sandbox/stats', { GET: () => jsonResponse(200, stats()) });
  }

  function stats() {
    return { backend: Object.fromEntries(backendCounts), vendor: Object.fromEntries(vendorCounts) };
  }

  function findRoute(pathname: string): Route | undefined {
    const exact = routes.get(pathname);
    if (exact) return exact;
    if (sandbox && pathname.startsWith(SANDBOX_IMAGES_PATH) && pathname.length > SANDBOX_IMAGES_PATH.length) {
      return { GET: (_request, path) => lastSubmissionImage(path) };
    }
    return undefined;
  }

  async function dispatch(request: Request, pathname: string): Promise<Response> {
    const route = findRoute(pathname);
    const run = route?.[request.method];
    if (!route || !run) {
      discardBody(request);
      return route
        ? problemResponse(problem('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${pathname}`), { allow: Object.keys(route).join(', ') })
        : problemResponse(problem('NOT_FOUND', `No endpoint at ${pathname}`));
    }
    return run(request, pathname);
  }

  async function merchantBackend(request: Request): Promise<Response> {
    const started = now();
    // The path only: a query string is the caller's and might carry anything.
    const { pathname } = new URL(request.url);
    // Counted per known route only, so made-up paths cannot grow the table.
    bump(backendCounts, findRoute(pathname) ? `${request.method} ${pathname.startsWith(SANDBOX_IMAGES_PATH) ? SANDBOX_IMAGES_PATH : pathname}` : 'other');
    let response: Response;
    try {
      response = await dispatch(request, pathname);
    } catch {
      response = problemResponse(problem('INTERNAL_ERROR', 'The merchant backend failed unexpectedly'));
    }
    // The widget's reference for this request, so the id a person quotes to support finds this line.
    const requestId = request.headers.get('x-request-id');
    const reference = requestId && REQUEST_ID.test(requestId) ? ` ref=${requestId}` : '';
    deps.log?.(`${request.method} ${pathname} ${response.status} ${Math.round(now() - started)}ms${reference}`);
    return response;
  }
  return Object.assign(merchantBackend, { stats });
}
