import { toSession } from '../../src/core/token.ts';
import type { TokenResponse } from '../../src/core/token.ts';
import { discardBody, isJsonContentType, parseJson, readBodyCapped } from '../body.ts';
import { nextClientId } from '../config.ts';
import { isProblem, jsonResponse, problem, problemResponse } from '../errors.ts';
import type { Problem } from '../errors.ts';
import { toVendorLocale } from '../locales.ts';
import { clientAddress, rateLimited } from '../rateLimit.ts';
import type { TokenRequest } from '../vendorClient.ts';
import { isRecord } from './context.ts';
import type { BackendContext, RequestInfo, RouteDef, SessionFields } from './context.ts';

/** The `{ locale? }` body of `/api/session` is tiny; anything bigger is not a widget talking. */
export const SESSION_BODY_MAX_BYTES = 16 * 1024;
/** Expired tokens are remembered this long past expiry so a late submit hears TOKEN_EXPIRED. */
export const TOKEN_RETENTION_MS = 60 * 60 * 1000;
export const VENDOR_TRANSPORT_ERRORS = new Set<string>(['VENDOR_UNREACHABLE', 'VENDOR_TIMEOUT', 'VENDOR_BAD_RESPONSE']);

/** `POST /api/session`: who the person is (the merchant's hook), a rate limit, then a vendor token. */
export function sessionRoutes(ctx: BackendContext): RouteDef[] {
  return [{ path: '/api/session', methods: { POST: (request, info) => createSession(ctx, request, info) } }];
}

async function createSession(ctx: BackendContext, request: Request, info: RequestInfo): Promise<Response> {
  const locale = await readLocale(request);
  if (isProblem(locale)) return problemResponse(locale);
  const address = clientAddress(request, info.clientAddress, ctx.config.trustProxy);
  const fields = await personFields(ctx, request, locale, address);
  if (fields instanceof Response) return fields;
  if (isProblem(fields)) return problemResponse(fields);
  // Counted per person when the merchant says who it is, else per address.
  const limited = await rateLimited(ctx.store, ctx.config.sessionRateLimit, 'session', fields.clientId ? `client:${fields.clientId}` : `address:${address ?? 'unknown'}`);
  if (limited) return problemResponse(limited);

  const tokenRequest: TokenRequest = {
    ...ctx.config.tokenDefaults,
    ...(locale ? { locale } : {}),
    ...fields,
    clientId: fields.clientId ?? nextClientId(ctx.config.clientId, ctx.randomUUID),
  };
  const result = await ctx.vendor.token(tokenRequest);
  if (!result.ok) {
    // A vendor that is down is worth retrying; one that refuses the token request is refusing
    // the merchant's configuration, not anything the user did: say which.
    return VENDOR_TRANSPORT_ERRORS.has(result.body.identifier)
      ? problemResponse({ status: result.status, body: result.body })
      : problemResponse(
          problem('SESSION_NOT_CREATED', `The identity vendor refused to create a session (${result.status} ${result.body.identifier}: ${result.body.message})`),
        );
  }
  await remember(ctx, result.body);
  return jsonResponse(200, toSession(result.body));
}

/** The body's `locale`, mapped to one the vendor knows, or null; or why the body is refused. */
async function readLocale(request: Request): Promise<string | null | Problem> {
  const contentType = request.headers.get('content-type');
  if (contentType !== null && !isJsonContentType(contentType)) {
    discardBody(request);
    return problem('UNSUPPORTED_MEDIA_TYPE', "Send '{ \"locale\": ... }' as application/json, or an empty body");
  }
  const bytes = await readBodyCapped(request, SESSION_BODY_MAX_BYTES);
  if (isProblem(bytes)) return bytes;
  if (bytes.byteLength > 0 && contentType === null) return problem('UNSUPPORTED_MEDIA_TYPE', "A non-empty body needs 'Content-Type: application/json'");
  const parsed = parseJson(bytes);
  if (isProblem(parsed)) return parsed;
  const body = parsed.value ?? {};
  if (!isRecord(body)) return problem('MALFORMED_JSON', 'The request body must be a JSON object');
  if (body.locale != null && typeof body.locale !== 'string') return problem('INVALID_VALUE', "'locale' must be a string");
  // An unsupported browser language is not the user's fault: the token keeps its default then.
  return typeof body.locale === 'string' ? toVendorLocale(body.locale) : null;
}

/** The merchant's hook, if any: its fields, its refusal, or a problem when it failed. */
async function personFields(ctx: BackendContext, request: Request, locale: string | null, address: string | null): Promise<SessionFields | Response | Problem> {
  if (!ctx.createSession) return {};
  let fields: SessionFields | Response;
  try {
    // Without the body, which was read already: the hook authenticates by cookie or header.
    fields = await ctx.createSession(new Request(request.url, { method: request.method, headers: request.headers }), { locale, clientAddress: address });
  } catch {
    return problem('SESSION_NOT_CREATED', 'The createSession hook failed');
  }
  if (fields instanceof Response) return fields;
  if (!isRecord(fields)) return problem('SESSION_NOT_CREATED', 'The createSession hook returned neither token fields nor a Response');
  if (fields.clientId !== undefined && (typeof fields.clientId !== 'string' || fields.clientId === '')) {
    return problem('SESSION_NOT_CREATED', "The createSession hook returned a 'clientId' that is not a non-empty string");
  }
  // A user's stored language ('en-GB', 'jp') in the vendor's terms; one it lacks keeps the body's.
  if (typeof fields.locale === 'string') {
    const { locale: asked, ...rest } = fields;
    const known = toVendorLocale(asked);
    return known ? { ...rest, locale: known } : rest;
  }
  return fields;
}

async function remember(ctx: BackendContext, token: TokenResponse): Promise<void> {
  // The vendor is the judge of expiry; this only bounds the store, so be generous: a session
  // opened just before `expiryTime` may still run for `sessionLength`.
  const lifetimeSeconds = (token.expiryTime > 0 ? token.expiryTime : 3600) + (token.sessionLength > 0 ? token.sessionLength : 600);
  const expiresAt = ctx.now() + lifetimeSeconds * 1000;
  await ctx.records.tokens.set(
    token.authToken,
    { scanRef: token.scanRef, additionalSteps: token.additionalSteps ?? null, expiresAt },
    lifetimeSeconds * 1000 + TOKEN_RETENTION_MS,
  );
}
