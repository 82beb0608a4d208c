import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../src/core/limits.ts';
import type { SubmitSuccess } from '../src/core/payload.ts';
import { PROCESS_IMAGE_KEYS, isProcessImageKey, toSession } from '../src/core/token.ts';
import type { AdditionalSteps, DocumentType, ProcessImageKey } from '../src/core/token.ts';
import { applicableSteps, customStepNames } from './additionalSteps.ts';
import { discardBody, isJsonContentType, parseJson, readBodyCapped } from './body.ts';
import { BoundedMap } from './boundedMap.ts';
import { nextClientId } from './config.ts';
import type { MerchantConfig } from './config.ts';
import { ERROR_IDENTIFIERS, isProblem, jsonResponse, problem, problemResponse } from './errors.ts';
import type { Problem } from './errors.ts';
import { IMAGE_MIME_TYPES } from './imageSniff.ts';
import { toVendorLocale } from './locales.ts';
import { createSandboxVendor } from './sandbox.ts';
import type { SandboxVendor } from './sandbox.ts';
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
}

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

type Outcome = { status: number; body: unknown };

interface MintedToken {
  scanRef: string;
  additionalSteps: AdditionalSteps | null;
  /** How far forwarding got. A failed vendor call leaves it there, so a retry resumes, never repeats. */
  processed: boolean;
  uploaded: Set<string>;
  /** Set once everything was accepted; every later submit answers it without calling the vendor. */
  result: Outcome | null;
  /** Concurrent duplicates await this one vendor conversation instead of starting their own. */
  inflight: Promise<Outcome> | null;
}

interface Plan {
  process: ProcessRequest;
  additional: [step: string, image: string][];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const outcomeResponse = (outcome: Outcome) => jsonResponse(outcome.status, outcome.body);

export function createMerchantBackend(config: MerchantConfig, deps: MerchantBackendDeps = {}): RequestHandler {
  const now = deps.now ?? Date.now;
  const randomUUID = deps.randomUUID ?? (() => crypto.randomUUID());
  const sandbox = config.mode === 'sandbox' ? (deps.sandbox ?? createSandboxVendor({ apiKey: config.apiKey, apiSecret: config.apiSecret })) : null;
  const fetchVendor: FetchLike =
    deps.fetch ?? (sandbox ? (url, init) => sandbox.handle(new Request(url, init)) : (url, init) => globalThis.fetch(url, init));
  const vendor = createVendorClient({
    fetch: fetchVendor,
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
  });
  const minted = new BoundedMap<string, MintedToken>(deps.maxSessions ?? 10_000, SESSION_RETENTION_MS);
  const submitCap = submitBodyCap(config);

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
      { scanRef: token.scanRef, additionalSteps: token.additionalSteps ?? null, processed: false, uploaded: new Set(), result: null, inflight: null },
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
    if (token.result) return outcomeResponse(token.result);
    if (token.inflight) return outcomeResponse(await token.inflight);
    if (entry.expired) return problemResponse(problem('TOKEN_EXPIRED', 'This session has expired: start a new one'));

    const plan = planSubmission(body, body.authToken, token);
    if (isProblem(plan)) return problemResponse(plan);
    // No await between the checks above and this line, so two requests cannot both get here.
    const inflight = forward(token, plan).finally(() => {
      token.inflight = null;
    });
    token.inflight = inflight;
    return outcomeResponse(await inflight);
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

    const expected = [...applicableSteps(token.additionalSteps, country, documentType).keys()].filter((step) => !isProcessImageKey(step));
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
        if (!processed.ok) return { status: processed.status, body: processed.body };
        token.processed = true;
      }
      for (const [step, image] of plan.additional) {
        if (token.uploaded.has(step)) continue;
        const uploaded = await vendor.uploadAdditionalStep({ scanRef: token.scanRef, step, image });
        if (!uploaded.ok) return { status: uploaded.status, body: uploaded.body };
        token.uploaded.add(step);
      }
      const success: SubmitSuccess = { scanRef: token.scanRef };
      token.result = { status: 200, body: success };
      return token.result;
    } catch {
      return problem('INTERNAL_ERROR', 'The submission could not be forwarded');
    }
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
    ['/api/submit', { POST: submit }],
  ]);
  // Only a sandbox has submissions to show; against the real vendor these paths do not exist.
  if (sandbox) routes.set('/api/sandbox/last-submission', { GET: lastSubmission });

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

  return async function merchantBackend(request: Request): Promise<Response> {
    const started = now();
    // The path only: a query string is the caller's and might carry anything.
    const { pathname } = new URL(request.url);
    let response: Response;
    try {
      response = await dispatch(request, pathname);
    } catch {
      response = problemResponse(problem('INTERNAL_ERROR', 'The merchant backend failed unexpectedly'));
    }
    deps.log?.(`${request.method} ${pathname} ${response.status} ${Math.round(now() - started)}ms`);
    return response;
  };
}
