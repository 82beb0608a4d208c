import type { HandoffChoices, HandoffProgress, HandoffRefusal, HandoffStatus } from '../../src/core/handoff.ts';
import { isFinalStatus } from '../../src/core/handoff.ts';
import { isCountryCode } from '../../src/core/countries.ts';
import { isDocumentType, parseSession } from '../../src/core/token.ts';
import { readJsonBody } from '../body.ts';
import { isProblem, jsonResponse, problem, problemResponse } from '../errors.ts';
import type { Problem } from '../errors.ts';
import { createHandoffs, hashSecret } from '../handoff/handoffs.ts';
import type { HandoffRecord, Handoffs } from '../handoff/handoffs.ts';
import { clientAddress, rateLimited } from '../rateLimit.ts';
import { isRecord } from './context.ts';
import type { BackendContext, RequestInfo, RouteDef } from './context.ts';
import { submissionId } from './submit.ts';

/** A session and two choices; anything bigger is not a widget talking. */
const HANDOFF_BODY_MAX_BYTES = 32 * 1024;
/** Claims of one link: a person may scan twice; a guesser gets nowhere with a 256-bit secret anyway. */
const CLAIMS_PER_HANDOFF = { limit: 5, windowSeconds: 600 };
/** Claims from one address, over every link: stops a scan through secrets. */
const CLAIMS_PER_ADDRESS = { limit: 30, windowSeconds: 600 };
/** Handoffs one session may mint: the code is refreshed every ~9 minutes, and a person may reopen it. */
const MINTS_PER_SESSION = { limit: 30, windowSeconds: 600 };

export interface HandoffEventOptions {
  /** How often an open events stream looks at the store for news (ms). */
  pollMs?: number;
  /** How often it sends a comment line, so proxies and the desktop know it is alive (ms). */
  heartbeatMs?: number;
}

const REFUSALS: Record<HandoffRefusal, Problem> = {
  HANDOFF_CLAIMED: problem('HANDOFF_CLAIMED', 'This link was already opened on another device: scan the new code on the computer'),
  HANDOFF_EXPIRED: problem('HANDOFF_EXPIRED', 'This link has expired: scan the new code on the computer'),
  HANDOFF_REVOKED: problem('HANDOFF_REVOKED', 'This link was cancelled on the computer: scan the new code there'),
  HANDOFF_NOT_FOUND: problem('HANDOFF_NOT_FOUND', 'This link is not known here: scan the new code on the computer'),
};

/**
 * Cross-device handoff: `POST /api/handoff` (mint, for a session this backend minted),
 * `/api/handoff/claim` (the phone, once), `/api/handoff/progress` (the phone, with its secret),
 * `GET /api/handoff/events` (Server-Sent Events) or `POST /api/handoff/status` (polling) and
 * `POST /api/handoff/revoke` (the desktop, with its secret in `Authorization`, never in a URL).
 */
export function handoffRoutes(ctx: BackendContext, options: HandoffEventOptions = {}): RouteDef[] {
  const handoffs = createHandoffs(ctx.store, ctx.now);
  const events = { pollMs: options.pollMs ?? 500, heartbeatMs: options.heartbeatMs ?? 15_000 };
  return [
    { path: '/api/handoff', methods: { POST: (request) => mint(ctx, handoffs, request) } },
    { path: '/api/handoff/claim', methods: { POST: (request, info) => claim(ctx, handoffs, request, info) } },
    { path: '/api/handoff/progress', methods: { POST: (request) => progress(handoffs, request) } },
    { path: '/api/handoff/status', methods: { POST: (request) => asDesktop(handoffs, request, async (record) => jsonResponse(200, await statusOf(ctx, handoffs, record))) } },
    { path: '/api/handoff/revoke', methods: { POST: (request) => asDesktop(handoffs, request, (record) => revoke(ctx, handoffs, record)) } },
    { path: '/api/handoff/events', methods: { GET: (request) => asDesktop(handoffs, request, async (record) => eventStream(ctx, handoffs, record, events)) } },
  ];
}

async function readObject(request: Request): Promise<Record<string, unknown> | Problem> {
  const parsed = await readJsonBody(request, HANDOFF_BODY_MAX_BYTES);
  if (isProblem(parsed)) return parsed;
  return isRecord(parsed.value) ? parsed.value : problem('MALFORMED_JSON', 'The request body must be a JSON object');
}

function readChoices(value: unknown): HandoffChoices | Problem {
  const choices = isRecord(value) ? value : {};
  const country = choices.country ?? null;
  const documentType = choices.documentType ?? null;
  if (country !== null && !(typeof country === 'string' && isCountryCode(country))) return problem('INVALID_VALUE', "'choices.country' must be a country code or null");
  if (documentType !== null && !isDocumentType(documentType)) return problem('INVALID_VALUE', "'choices.documentType' must be a document type or null");
  return { country, documentType };
}

async function mint(ctx: BackendContext, handoffs: Handoffs, request: Request): Promise<Response> {
  const body = await readObject(request);
  if (isProblem(body)) return problemResponse(body);
  const parsed = parseSession(body.session);
  if (!parsed.ok) return problemResponse(problem('MISSING_VALUE', `'session' is not a session: ${parsed.problem}`));
  const choices = readChoices(body.choices);
  if (isProblem(choices)) return problemResponse(choices);
  const token = await ctx.records.tokens.get(parsed.value.authToken);
  // Only a session this backend minted, and the whole of it as minted: the phone gets nothing the desktop made up.
  if (!token || token.scanRef !== parsed.value.scanRef) return problemResponse(problem('TOKEN_NOT_MINTED', 'This token was not issued by this backend, or expired long ago: start a new session'));
  if (token.expiresAt <= ctx.now()) return problemResponse(problem('TOKEN_EXPIRED', 'This session has expired: start a new one'));
  if ((await ctx.records.submissions.get(submissionId(parsed.value.authToken)))?.success) return problemResponse(problem('TOKEN_USED', 'This verification was already sent'));
  const limited = await rateLimited(ctx.store, MINTS_PER_SESSION, 'handoff-mint', parsed.value.authToken);
  if (limited) return problemResponse(retold(limited, 'Too many phone links for this session; try again later'));
  const session = { ...parsed.value, additionalSteps: token.additionalSteps };
  return jsonResponse(200, await handoffs.mint(session, choices, token.expiresAt));
}

async function claim(ctx: BackendContext, handoffs: Handoffs, request: Request, info: RequestInfo): Promise<Response> {
  const body = await readObject(request);
  if (isProblem(body)) return problemResponse(body);
  if (typeof body.secret !== 'string' || body.secret === '' || body.secret.length > 128) return problemResponse(problem('MISSING_VALUE', "No value provided for 'secret'"));
  const address = clientAddress(request, info.clientAddress, ctx.config.trustProxy) ?? 'unknown';
  const limited =
    (await rateLimited(ctx.store, CLAIMS_PER_ADDRESS, 'handoff-claim-address', address)) ??
    (await rateLimited(ctx.store, CLAIMS_PER_HANDOFF, 'handoff-claim', hashSecret(body.secret)));
  if (limited) return problemResponse(retold(limited, 'Too many attempts to open phone links; try again later'));
  const claimed = await handoffs.claim(body.secret);
  return typeof claimed === 'string' ? problemResponse(REFUSALS[claimed]) : jsonResponse(200, claimed);
}

function readProgress(body: Record<string, unknown>): HandoffProgress | null {
  if (body.kind === 'SENDING') return { kind: 'SENDING' };
  const { step, of } = body;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 50;
  return body.kind === 'STEP' && whole(step) && whole(of) && step <= of ? { kind: 'STEP', step, of } : null;
}

async function progress(handoffs: Handoffs, request: Request): Promise<Response> {
  const phoneSecret = bearer(request);
  const record = phoneSecret ? await handoffs.forPhone(phoneSecret) : null;
  if (!record) {
    request.body?.cancel().catch(() => {});
    return problemResponse(problem('HANDOFF_UNAUTHORIZED', 'This phone has not claimed this handoff'));
  }
  const body = await readObject(request);
  if (isProblem(body)) return problemResponse(body);
  const reported = readProgress(body);
  if (!reported) return problemResponse(problem('INVALID_VALUE', "'kind' must be STEP (with whole 'step' ≤ 'of') or SENDING"));
  const refused = await handoffs.report(record, reported);
  return refused ? problemResponse(REFUSALS[refused]) : jsonResponse(200, { ok: true });
}

/** The secret from `Authorization: Bearer …`: the desktop's and the phone's never go in a URL. */
function bearer(request: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/** Runs `handle` for the desktop that minted the handoff; anyone else hears 401, whatever they guess. */
async function asDesktop(handoffs: Handoffs, request: Request, handle: (record: HandoffRecord) => Promise<Response>): Promise<Response> {
  request.body?.cancel().catch(() => {});
  const desktopSecret = bearer(request);
  const record = desktopSecret ? await handoffs.forDesktop(desktopSecret) : null;
  if (!record) return problemResponse(problem('HANDOFF_UNAUTHORIZED', 'This is not the device that made this handoff'), { 'www-authenticate': 'Bearer' });
  return handle(record);
}

async function revoke(ctx: BackendContext, handoffs: Handoffs, record: HandoffRecord): Promise<Response> {
  await handoffs.revoke(record);
  return jsonResponse(200, await statusOf(ctx, handoffs, record));
}

/** 'Sent' is the backend's own record of an accepted submission for the session, never the phone's say-so. */
async function statusOf(ctx: BackendContext, handoffs: Handoffs, record: HandoffRecord): Promise<HandoffStatus> {
  const fresh = (await handoffs.forRecord(record.id)) ?? record;
  const success = (await ctx.records.submissions.get(submissionId(record.session.authToken)))?.success;
  const scanRef = success && success.status === 200 && isRecord(success.body) && typeof success.body.scanRef === 'string' ? success.body.scanRef : null;
  return handoffs.status(fresh, scanRef);
}

/**
 * Server-Sent Events: a `status` event whenever the status changes, a comment line every
 * `heartbeatMs`, and the end after a final status. It reads the shared store, so the phone's
 * requests may reach any instance. The desktop reads it with fetch (EventSource cannot send the
 * Authorization header) and falls back to `POST /api/handoff/status`.
 */
function eventStream(ctx: BackendContext, handoffs: Handoffs, record: HandoffRecord, options: Required<HandoffEventOptions>): Response {
  const encoder = new TextEncoder();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = '';
      let lastWrite = Date.now();
      const write = (text: string) => {
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      write(`retry: 2000\n: connected\n\n`);
      const tick = async () => {
        if (stopped) return;
        try {
          const status = await statusOf(ctx, handoffs, record);
          const data = JSON.stringify(status);
          if (data !== last) {
            last = data;
            write(`event: status\ndata: ${data}\n\n`);
          } else if (Date.now() - lastWrite >= options.heartbeatMs) write(`: heartbeat\n\n`);
          if (isFinalStatus(status)) {
            stop();
            controller.close();
            return;
          }
        } catch {
          // The store blinked: say nothing now, look again at the next tick; heartbeats keep the line open.
          if (Date.now() - lastWrite >= options.heartbeatMs) write(`: heartbeat\n\n`);
        }
        if (!stopped) timer = setTimeout(() => void tick(), options.pollMs);
      };
      void tick();
    },
    cancel: stop,
  });
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' },
  });
}

function retold(limited: Problem, message: string): Problem {
  return { ...limited, body: { ...limited.body, message } };
}
